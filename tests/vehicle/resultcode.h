#pragma once

// Test helper: compares a Result's outcome by ErrorCode without ever calling error() on a
// success (undefined behaviour), and prints the code's name when a comparison fails:
//   QCOMPARE(codeOf(store.commit(change)), std::optional(ErrorCode::InvalidArgument));

#include "common/error.h"

#include <QTest>

#include <optional>

namespace QTest {
template <>
inline char *toString(const std::optional<Uptane::ErrorCode> &code)
{
    return qstrdup(code ? qPrintable(Uptane::errorCodeName(*code)) : "success");
}
} // namespace QTest

namespace Uptane::Test {

// The error code of a result, or nullopt for a success.
template <typename T>
std::optional<ErrorCode> codeOf(const Result<T> &result)
{
    return result ? std::nullopt : std::optional<ErrorCode>(result.error().code);
}

} // namespace Uptane::Test
