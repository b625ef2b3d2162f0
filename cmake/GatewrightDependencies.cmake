# Every dependency comes from Debian packages; scripts/install-deps.sh installs them.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network WebSockets Gui Widgets Svg Test LinguistTools)
find_package(OpenSSL 3 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)

# libhttp-parser-dev ships neither a CMake package nor a pkg-config file.
find_path(HTTP_PARSER_INCLUDE_DIR http_parser.h REQUIRED)
find_library(HTTP_PARSER_LIBRARY http_parser REQUIRED)
add_library(gw_http_parser INTERFACE IMPORTED)
target_include_directories(gw_http_parser INTERFACE ${HTTP_PARSER_INCLUDE_DIR})
target_link_libraries(gw_http_parser INTERFACE ${HTTP_PARSER_LIBRARY})

# valijson is header-only (libvalijson-dev); draft-4 schemas like API Gateway models.
find_path(VALIJSON_INCLUDE_DIR valijson/schema_parser.hpp REQUIRED)
add_library(gw_valijson INTERFACE IMPORTED)
target_include_directories(gw_valijson INTERFACE ${VALIJSON_INCLUDE_DIR})
# A user's schema that valijson cannot read must be an error, not abort(): its default.
target_compile_definitions(gw_valijson INTERFACE VALIJSON_USE_EXCEPTIONS=1)

# QScintilla (Qt 6 build) has no CMake or pkg-config file on Debian.
get_target_property(_qt_core_includes Qt6::Core INTERFACE_INCLUDE_DIRECTORIES)
find_path(QSCINTILLA_INCLUDE_DIR Qsci/qsciscintilla.h HINTS ${_qt_core_includes} PATH_SUFFIXES .. REQUIRED)
find_library(QSCINTILLA_LIBRARY qscintilla2_qt6 REQUIRED)
add_library(gw_qscintilla INTERFACE IMPORTED)
target_include_directories(gw_qscintilla INTERFACE ${QSCINTILLA_INCLUDE_DIR})
target_link_libraries(gw_qscintilla INTERFACE ${QSCINTILLA_LIBRARY} Qt6::Widgets)
