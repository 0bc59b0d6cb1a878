# Warning and sanitizer flags live on interface targets, never in global CMAKE_CXX_FLAGS.
add_library(algoscope_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(algoscope_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endif()

add_library(algoscope_sanitizers INTERFACE)
if(ALGOSCOPE_SANITIZE)
    string(REPLACE ";" "," _san "${ALGOSCOPE_SANITIZE}")
    message(STATUS "algoscope: building with -fsanitize=${_san}")
    target_compile_options(algoscope_sanitizers INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer
                           -fno-sanitize-recover=all)
    target_link_options(algoscope_sanitizers INTERFACE -fsanitize=${_san})
endif()

# Every project target links this one.
add_library(algoscope_options INTERFACE)
target_link_libraries(algoscope_options INTERFACE algoscope_warnings algoscope_sanitizers)
