package sim

// minHeap is a binary min-heap under a strict ordering less: the
// dispatcher's waiting list.
type minHeap[T any] struct {
	h    []T
	less func(a, b *T) bool
}

func (q *minHeap[T]) len() int { return len(q.h) }

func (q *minHeap[T]) push(x T) {
	q.h = append(q.h, x)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(&q.h[i], &q.h[p]) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

// pop removes and returns the least element; the heap must not be empty.
func (q *minHeap[T]) pop() T {
	top := q.h[0]
	last := len(q.h) - 1
	q.h[0] = q.h[last]
	q.h = q.h[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && q.less(&q.h[l], &q.h[m]) {
			m = l
		}
		if r < last && q.less(&q.h[r], &q.h[m]) {
			m = r
		}
		if m == i {
			return top
		}
		q.h[i], q.h[m] = q.h[m], q.h[i]
		i = m
	}
}
