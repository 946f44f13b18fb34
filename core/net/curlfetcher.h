#pragma once

// The vehicle-side HTTP client: blocking libcurl transfers, meant for worker threads (never
// the thread that owns an HttpHost serving the same process: that would deadlock).
// Only http and https; redirects are not followed (a 3xx is an HttpError).
// Every transfer is capped: the body may not exceed maxBytes (checked against
// Content-Length before reading and against the bytes as they arrive — endless data), a
// low-speed limit aborts slow retrieval, and loopback never goes through a proxy.

#include "common/fetcher.h"

#include <atomic>
#include <functional>

namespace Uptane::Net {

struct FetchOptions
{
    long connectTimeoutMs = 5000;
    long lowSpeedBytesPerSecond = 1024;  // below this ...
    long lowSpeedSeconds = 10;           // ... for this long: SlowRetrieval
    long totalTimeoutMs = 0;             // 0 = no overall limit
};

class CurlFetcher final : public Fetcher
{
public:
    explicit CurlFetcher(FetchOptions options = {});
    ~CurlFetcher() override;

    Result<QByteArray> fetch(const QString &url, qint64 maxBytes) override;
    Result<qint64> fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink) override;
    // The caps, limits and error mapping of fetch() for the answer (the low-speed limit
    // covers the upload too). A non-2xx answer's detail ends with its first
    // kErrorBodyBytes bytes (one line: control characters become spaces). InvalidArgument for
    // a contentType with CR, LF or NUL (it would smuggle in headers). No "Expect:
    // 100-continue": the body goes with the headers.
    Result<QByteArray> post(const QString &url, const QByteArray &body,
                            const QByteArray &contentType, qint64 maxBytes) override;

    static constexpr qsizetype kErrorBodyBytes = 200;

    // Thread-safe: makes the running and any later transfer end with Cancelled.
    void cancel() { m_cancelled.store(true); }

    // Number of transfers started (for tests that check what was requested).
    int requestCount() const { return m_requests; }

private:
    // What a POST sends; the bytes must outlive the transfer.
    struct Upload
    {
        const QByteArray &body;
        const QByteArray &contentType;
    };

    // One transfer (a GET, or a POST of upload); sink receives the body in pieces and
    // returns false when it cannot store them (IoError). Returns the number of body bytes
    // delivered.
    Result<qint64> perform(const QString &url, qint64 maxBytes,
                           const std::function<bool(const char *, qint64)> &sink,
                           const Upload *upload = nullptr);

    FetchOptions m_options;
    std::atomic<bool> m_cancelled{false};
    int m_requests = 0;
};

// libcurl's global initialisation, once per process, before any thread uses it.
void initializeCurl();

} // namespace Uptane::Net
