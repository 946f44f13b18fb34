#include "curlfetcher.h"

#include "common/defences.h"

#include <QByteArray>
#include <QIODevice>

#include <curl/curl.h>

#include <functional>
#include <memory>
#include <mutex>

using namespace Qt::StringLiterals;

namespace Uptane::Net {

namespace {

// Hosts that never go through a proxy, whatever http_proxy/ALL_PROXY say: the lab's own
// services live on loopback, and a proxy there would be a man in the middle we did not ask
// for. curl >= 7.86 also understands the CIDR form.
constexpr QLatin1StringView LoopbackNoProxy("localhost,127.0.0.1,127.0.0.0/8,::1");

// Everything the callbacks learn during one transfer. They run on the calling thread,
// inside curl_easy_perform().
struct Transfer
{
    CURL *handle = nullptr;
    qint64 maxBytes = 0;
    qint64 received = 0;
    std::function<bool(const char *, qint64)> sink;  // false: the sink could not take the data
    const std::atomic<bool> *cancelled = nullptr;
    // POST: the start of a non-2xx answer is kept for the error detail (at most this much).
    qsizetype errorBodyCap = 0;
    QByteArray errorBody;

    // Why a callback stopped the transfer (curl then reports a generic write error).
    long status = 0;            // final HTTP status, once its headers are complete
    qint64 announced = -1;      // Content-Length, -1 when absent
    bool tooLarge = false;
    bool badStatus = false;
    bool sinkFailed = false;
};

// The status and Content-Length are known once the blank line ending a response's headers
// arrives. A 2xx announcing more than maxBytes is refused before one byte of its body is
// read; a non-2xx is refused without reading its body (it could be endless too), or, for a
// POST, after its first errorBodyCap bytes (the services name the error code there).
size_t onHeader(char *buffer, size_t size, size_t count, void *userData)
{
    auto *transfer = static_cast<Transfer *>(userData);
    const size_t bytes = size * count;
    const QByteArrayView line(buffer, qsizetype(bytes));
    if (line != "\r\n" && line != "\n")
        return bytes;

    long status = 0;
    curl_easy_getinfo(transfer->handle, CURLINFO_RESPONSE_CODE, &status);
    // "100 Continue" and friends, or a proxy's CONNECT answer (no response code yet): the
    // real response follows.
    if (status < 200)
        return bytes;
    transfer->status = status;
    if (status > 299) {
        transfer->badStatus = true;
        return transfer->errorBodyCap > 0 ? bytes : 0;
    }
    curl_off_t length = -1;
    if (curl_easy_getinfo(transfer->handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK)
        transfer->announced = length;
    if (transfer->announced > transfer->maxBytes) {
        transfer->tooLarge = true;
        return 0;
    }
    return bytes;
}

// Endless data (TUF threat model): the moment the body would pass maxBytes, stop reading.
size_t onWrite(char *buffer, size_t size, size_t count, void *userData)
{
    auto *transfer = static_cast<Transfer *>(userData);
    const qint64 bytes = qint64(size * count);
    if (transfer->badStatus) {
        transfer->errorBody.append(buffer, qMin(bytes, transfer->errorBodyCap - transfer->errorBody.size()));
        return transfer->errorBody.size() < transfer->errorBodyCap ? size_t(bytes) : 0;
    }
    if (transfer->received + bytes > transfer->maxBytes) {
        transfer->tooLarge = true;
        return 0;
    }
    if (!transfer->sink(buffer, bytes)) {
        transfer->sinkFailed = true;
        return 0;
    }
    transfer->received += bytes;
    return size_t(bytes);
}

// Called at least once a second, also while nothing arrives: the cancel flag is honoured
// within about a second even on a stalled connection.
int onProgress(void *userData, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *transfer = static_cast<Transfer *>(userData);
    return transfer->cancelled->load() ? 1 : 0;
}

QString statusError(long status)
{
    return u"HTTP status %1"_s.arg(status);
}

// The start of an error answer as one log line.
QString errorBodyText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body);
    for (QChar &c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = u' ';
    }
    return text;
}

struct HeaderListDeleter
{
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

struct HandleDeleter
{
    void operator()(CURL *handle) const { curl_easy_cleanup(handle); }
};

} // namespace

void initializeCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlFetcher::CurlFetcher(FetchOptions options)
    : m_options(options)
{
    // Harmless when main() already did it; makes tests and library users safe.
    initializeCurl();
}

CurlFetcher::~CurlFetcher() = default;

Result<QByteArray> CurlFetcher::fetch(const QString &url, qint64 maxBytes)
{
    QByteArray body;
    auto result = perform(url, maxBytes, [&body](const char *data, qint64 size) {
        body.append(data, qsizetype(size));
        return true;
    });
    if (!result)
        return fail(result.error());
    return body;
}

Result<qint64> CurlFetcher::fetchTo(const QString &url, qint64 maxBytes, QIODevice &sink)
{
    return perform(url, maxBytes, [&sink](const char *data, qint64 size) {
        return sink.write(data, size) == size;
    });
}

Result<QByteArray> CurlFetcher::post(const QString &url, const QByteArray &body,
                                      const QByteArray &contentType, qint64 maxBytes)
{
    if (contentType.contains('\r') || contentType.contains('\n') || contentType.contains('\0'))
        return fail(ErrorCode::InvalidArgument, u"Content-Type with a line break or NUL for "_s + url);
    QByteArray answer;
    const Upload upload{body, contentType};
    auto result = perform(url, maxBytes, [&answer](const char *data, qint64 size) {
        answer.append(data, qsizetype(size));
        return true;
    }, &upload);
    if (!result)
        return fail(result.error());
    return answer;
}

Result<qint64> CurlFetcher::perform(const QString &url, qint64 maxBytes,
                                    const std::function<bool(const char *, qint64)> &sink,
                                    const Upload *upload)
{
    if (maxBytes < 0)
        return fail(ErrorCode::InvalidArgument, u"negative size cap for "_s + url);
    if (m_cancelled.load())
        return fail(ErrorCode::Cancelled, u"cancelled before fetching "_s + url);
    ++m_requests;

    std::unique_ptr<CURL, HandleDeleter> handle(curl_easy_init());
    if (!handle)
        return fail(ErrorCode::ConnectionFailed, u"curl_easy_init failed"_s);
    CURL *curl = handle.get();

    Transfer transfer;
    transfer.handle = curl;
    transfer.maxBytes = maxBytes;
    transfer.sink = sink;
    transfer.cancelled = &m_cancelled;

    // Keep the user's own no_proxy list and add loopback to it: CURLOPT_NOPROXY replaces
    // the environment variable rather than extending it.
    QByteArray noProxy = qgetenv("no_proxy");
    if (noProxy.isEmpty())
        noProxy = qgetenv("NO_PROXY");
    if (!noProxy.isEmpty())
        noProxy += ',';
    noProxy += QByteArrayView(LoopbackNoProxy);

    char errorBuffer[CURL_ERROR_SIZE] = {};
    const QByteArray urlBytes = url.toUtf8();
    curl_easy_setopt(curl, CURLOPT_URL, urlBytes.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    // Threads: no SIGALRM-based DNS timeouts (they are not thread-safe).
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // Only the web: no file://, ftp://, gopher:// ... even if a URL in metadata asks.
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    // Redirects are not followed: every URL the client fetches comes from its own
    // configuration, and a 3xx is reported as HttpError rather than sending the transfer to
    // a host nobody configured.
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, noProxy.constData());
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, m_options.connectTimeoutMs);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, m_options.totalTimeoutMs);
    // Slow retrieval (TUF threat model): a transfer that stays below the limit for the window
    // fails. Only a test can turn the defence off (then libcurl's default: no limit).
    if (Verify::Defences::isOn(Verify::Defence::SlowRetrieval)) {
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, m_options.lowSpeedBytesPerSecond);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, m_options.lowSpeedSeconds);
    }
    // Identity encoding only: the cap then applies to the bytes on the wire and to the
    // bytes we keep alike (no decompression bomb).
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, nullptr);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "uptane-lab/" UPTANE_VERSION);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &onWrite);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);

    std::unique_ptr<curl_slist, HeaderListDeleter> headers;
    if (upload) {
        // POSTFIELDS is not copied: upload->body outlives curl_easy_perform() below.
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(upload->body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, upload->body.constData());
        const QByteArray contentType = "Content-Type: " + upload->contentType;
        headers.reset(curl_slist_append(nullptr, contentType.constData()));  // copies
        // An empty "Expect:" stops curl from waiting for "100 Continue" before larger bodies:
        // our services do not send one, and curl would stall a second for nothing. Appending
        // to a list returns its head, or nullptr (list unchanged) when out of memory.
        if (headers && !curl_slist_append(headers.get(), "Expect:"))
            headers.reset();
        if (!headers)
            return fail(ErrorCode::ConnectionFailed, u"curl_slist_append failed"_s);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
        transfer.errorBodyCap = kErrorBodyBytes;
    }

    const CURLcode code = curl_easy_perform(curl);

    const QString what = u" (%1)"_s.arg(url);
    if (transfer.tooLarge) {
        if (transfer.announced > maxBytes)
            return fail(ErrorCode::TooLarge, u"Content-Length %1 exceeds the cap of %2 bytes"_s
                                                 .arg(transfer.announced).arg(maxBytes) + what);
        return fail(ErrorCode::TooLarge, u"body exceeds the cap of %1 bytes"_s.arg(maxBytes) + what);
    }
    if (transfer.sinkFailed)
        return fail(ErrorCode::IoError, u"could not write the downloaded data"_s + what);
    long status = transfer.status;
    if (code == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (transfer.badStatus || (code == CURLE_OK && (status < 200 || status > 299))) {
        const ErrorCode kind = (status == 404 || status == 403 || status == 410)
                                   ? ErrorCode::NotFound : ErrorCode::HttpError;
        const QString answer = transfer.errorBody.isEmpty()
                                   ? QString() : u": "_s + errorBodyText(transfer.errorBody);
        return fail(kind, statusError(status) + what + answer);
    }
    if (code == CURLE_OK)
        return transfer.received;

    const QString detail = QString::fromUtf8(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code)) + what;
    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        return fail(ErrorCode::Cancelled, u"cancelled"_s + what);
    case CURLE_OPERATION_TIMEDOUT: {
        // One curl code covers three limits, told apart by curl's messages (lib/speedcheck.c
        // and lib/multi.c; the tests pin them): the low-speed check, the whole-transfer
        // limit once connected, and otherwise the connect or resolve timeout.
        const QByteArrayView message(errorBuffer);
        if (message.startsWith("Operation too slow"))
            return fail(ErrorCode::SlowRetrieval, detail);
        if (message.startsWith("Operation timed out"))
            return fail(ErrorCode::Timeout, detail);
        return fail(ErrorCode::ConnectionFailed, detail);
    }
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return fail(ErrorCode::InvalidArgument, detail);
    default:
        // Refused, unreachable, DNS, TLS, a connection closed early (a lying
        // Content-Length), an empty reply: the server could not be read properly.
        return fail(ErrorCode::ConnectionFailed, detail);
    }
}

} // namespace Uptane::Net
