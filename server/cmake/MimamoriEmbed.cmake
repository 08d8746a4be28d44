# mimamori_embed_files(OUTPUT <file.cpp> FUNCTION <name> FILES <file>...)
# Generates, at build time, a C++ source that defines
#     std::span<const mimamori::server::EmbeddedFile> mimamori::server::<name>()
# with the listed files (name without directory, and content) in the order given, so that the
# binary carries its SQL migrations and API document and never looks for them at run time.
# The files are listed explicitly (no GLOB): a new migration is a new line in the list.
set(_MIMAMORI_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake")

function(mimamori_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;FUNCTION" "FILES" ${ARGN})
  set(_abs "")
  foreach(_file IN LISTS ARG_FILES)
    get_filename_component(_path "${_file}" ABSOLUTE)
    list(APPEND _abs "${_path}")
  endforeach()
  string(REPLACE ";" "|" _joined "${_abs}")
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${ARG_OUTPUT}" "-DFUNCTION=${ARG_FUNCTION}"
            "-DFILES=${_joined}" -P "${_MIMAMORI_EMBED_SCRIPT}"
    DEPENDS ${_abs} "${_MIMAMORI_EMBED_SCRIPT}"
    COMMENT "Embedding ${ARG_FUNCTION}: ${ARG_FILES}"
    VERBATIM)
endfunction()
