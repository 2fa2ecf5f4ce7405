// The one translation unit that compiles toml++'s implementation (TOML_HEADER_ONLY=0 for config/).
// Compiling it here, rather than linking Debian's libtomlplusplus.so, lets sanitizer and fuzz
// builds instrument the parser too.
#define TOML_IMPLEMENTATION
#include "config/toml.h"
