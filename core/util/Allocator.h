#pragma once
// The C library's allocator, tuned for training loops.
//
// A training step allocates and frees the same large temporaries every time (for a 16x16 LifeGPT
// batch, attention probabilities of 16 x 4 heads x 515 x 515 floats, 68 MB; activations of several
// MB). glibc serves blocks above its mmap threshold (dynamic, at most 32 MiB) with a fresh mmap and
// returns them with munmap, so every step faults in and zeroes those pages again: measured here,
// a third of the trainer's CPU time was kernel time, and training ran 2.3x (16x16) to 3x (8x8)
// slower than with the blocks kept in the heap (docs/benchmarks.md, BM_TrainStep). The fix is to
// keep freed memory for reuse, as PyTorch's caching allocator or jemalloc do.
namespace algoscope::util {

/// Raises glibc's mmap threshold to 512 MiB and its trim threshold to 1 GiB (mallopt), so that
/// the large blocks of a training step stay in the heap and are reused. Process-wide and
/// idempotent; the cost is that up to 1 GiB of freed memory is kept for the process's later
/// allocations instead of being returned to the system at once. No effect without glibc.
void keepFreedMemoryForReuse();

} // namespace algoscope::util
