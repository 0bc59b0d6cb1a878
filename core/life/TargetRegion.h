#pragma once
// Compile a stretch of a file for a given instruction set (the way simdjson does it):
//   ALGOSCOPE_TARGET_REGION("avx2,popcnt")  ...functions...  ALGOSCOPE_UNTARGET_REGION
// Everything between gets __attribute__((target(...))), so intrinsics of that set may be used
// and inlined there while the rest of the program stays portable; callers must check the CPU
// (__builtin_cpu_supports) before calling into the region. Include standard headers BEFORE the
// region so none of their inline functions are compiled for the wider instruction set.
#define ALGOSCOPE_STRINGIFY_PRAGMA(x) _Pragma(#x)
#if defined(__clang__)
#define ALGOSCOPE_TARGET_REGION(T)                                                                 \
    ALGOSCOPE_STRINGIFY_PRAGMA(                                                                    \
        clang attribute push(__attribute__((target(T))), apply_to = function))
#define ALGOSCOPE_UNTARGET_REGION _Pragma("clang attribute pop")
#elif defined(__GNUC__)
#define ALGOSCOPE_TARGET_REGION(T)                                                                 \
    _Pragma("GCC push_options") ALGOSCOPE_STRINGIFY_PRAGMA(GCC target(T))
#define ALGOSCOPE_UNTARGET_REGION _Pragma("GCC pop_options")
#else
#define ALGOSCOPE_TARGET_REGION(T)
#define ALGOSCOPE_UNTARGET_REGION
#endif

#if (defined(__x86_64__) || defined(_M_X64)) && (defined(__GNUC__) || defined(__clang__))
#define ALGOSCOPE_X86_SIMD 1
#else
#define ALGOSCOPE_X86_SIMD 0
#endif
