#pragma once

// What the verification engine needs from a transport: bytes of a URL, never more than a
// cap. core/net implements it with libcurl; tests implement it in memory. Keeping it here
// keeps verify/ free of any network library.

#include "common/error.h"

#include <QByteArray>
#include <QString>

class QIODevice;

namespace Uptane {

class Fetcher
{
public:
    virtual ~Fetcher() = default;

    // The body of url, at most maxBytes long. Errors: TooLarge when the body (announced or
    // received) exceeds maxBytes, NotFound for HTTP 404/403/410 (TUF §5.3.3 treats those as
    // "no newer root"), HttpError for other statuses, ConnectionFailed, SlowRetrieval,
    // Timeout, Cancelled.
    virtual Result<QByteArray> fetch(const QString &url, qint64 maxBytes) = 0;

    // Streams the body of url into sink (for images), at most maxBytes. Same errors.
    virtual Result<qint64> fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink) = 0;

    // POSTs body (with this Content-Type) and returns the answer's body, at most maxBytes.
    // Same errors; an HttpError's detail carries the status and the start of the answer
    // (the services answer errors with a JSON body naming the code). Transports that cannot
    // post say Unsupported.
    virtual Result<QByteArray> post(const QString &url, const QByteArray &body,
                                    const QByteArray &contentType, qint64 maxBytes);
};

} // namespace Uptane
