# algoscope_embed(OUTPUT <cpp> BASE <dir> FILES <abs paths...>)
# Generates a C++ source that embeds the files with the assembler's .incbin (fast to compile even
# for megabyte model weights) and registers them under their path relative to BASE, e.g.
# "shaders/gpucheck_scan.comp". Looked up at run time by algoscope::util::findResource().
add_executable(algoscope_embedgen ${CMAKE_CURRENT_LIST_DIR}/embedgen.cpp)
set_target_properties(algoscope_embedgen PROPERTIES CXX_STANDARD 20)

function(algoscope_embed)
    cmake_parse_arguments(E "" "OUTPUT;BASE" "FILES" ${ARGN})
    set(_list "${E_OUTPUT}.list")
    set(_content "")
    foreach(f IN LISTS E_FILES)
        file(RELATIVE_PATH rel "${E_BASE}" "${f}")
        string(APPEND _content "${rel}\t${f}\n")
    endforeach()
    file(CONFIGURE OUTPUT "${_list}" CONTENT "${_content}")
    add_custom_command(
        OUTPUT "${E_OUTPUT}"
        COMMAND algoscope_embedgen "${_list}" "${E_OUTPUT}"
        DEPENDS algoscope_embedgen "${_list}" ${E_FILES}
        COMMENT "Embedding ${CMAKE_CURRENT_SOURCE_DIR} resources"
        VERBATIM)
endfunction()
