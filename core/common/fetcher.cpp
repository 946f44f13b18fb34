#include "common/fetcher.h"

namespace Uptane {

Result<QByteArray> Fetcher::post(const QString &url, const QByteArray &, const QByteArray &, qint64)
{
    return fail(ErrorCode::Unsupported, QStringLiteral("this transport cannot POST to %1").arg(url));
}

} // namespace Uptane
