// toml++ as config/ uses it. Include this, never <toml++/toml.h> directly.
//
// toml++ 3.3.0 asserts internal invariants that some malformed files break (e.g. "[" then a
// newline, or "a = [}"): with assertions on, check-config would abort on an admin's typo; with
// NDEBUG under clang they become __builtin_assume(false), undefined behaviour. Turned into no-ops,
// the parser goes on and reports a syntax error, as the release build always did. The fuzz target
// and tests/config keep such inputs as regressions.
#pragma once

#include <toml++/impl/preprocessor.h>

#undef TOML_ASSERT
#define TOML_ASSERT(expr) static_cast<void>(0)
#undef TOML_ASSERT_ASSUME
#define TOML_ASSERT_ASSUME(expr) static_cast<void>(0)

#include <toml++/toml.h>
