#include "util/Allocator.h"

#include <cstdlib> // defines __GLIBC__ (through <features.h>) on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace algoscope::util {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    // Setting either value also turns off glibc's dynamic threshold adjustment.
    mallopt(M_MMAP_THRESHOLD, 512 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
#endif
}

} // namespace algoscope::util
