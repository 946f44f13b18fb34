#pragma once

// HttpHost: the OEM services over HTTP on 127.0.0.1 (routes as in ARCHITECTURE.md):
//
//   GET  /imagerepo/metadata/<file>          a file of the Image Repository metadata directory
//   GET  /imagerepo/targets/<path>           an image (sub-directories allowed)
//   GET  /director/<vin>/metadata/<file>     a file of that vehicle's Director repository
//   POST /director/<vin>/manifest            a Vehicle Version Manifest -> manifest handler
//   POST /timeserver/attestation             nonces -> attestation handler
//
// Statuses: 200; 404 for an unknown route, a missing file or an unknown vehicle; 405 (with
// Allow) for a known route asked with another method; 400 for a path that tries to leave its
// directory ("..", "." or empty segments, backslashes, NUL or control characters, whether
// literal or percent-encoded) and for a body a handler refuses; 411 for a POST without
// Content-Length (chunked request bodies are not accepted); 413 when Content-Length exceeds
// maxBodyBytes, answered from the headers before the body is read; 431 for request headers
// over 32 KiB; 500 when a handler fails on the server side (IoError, CryptoFailure).
// Error bodies are JSON {"error": "<ErrorCode name>", "detail": "..."}.
// Files are served only when their canonical path (symlinks resolved) stays under the
// canonical directory of the route, and only regular files. Every response closes its
// connection.
//
// HttpHost knows nothing of Uptane: it serves directories and hands POST bodies to callbacks
// (bytes in, bytes out), so services stay testable without a socket and the HTTP layer
// without a repository. Built on QHttpServer (Qt 6.4, technical preview): its router matches
// decoded paths and cannot answer 405, so all requests go through its missing handler into
// one dispatcher here; a guard on each socket reads the request headers first to refuse
// oversize bodies before QHttpServer buffers them.
//
// Threads: a QObject of the thread that calls listen() (the services thread). Callbacks run
// on that thread. Clients in the same process must run on another thread (blocking libcurl
// on the owner's thread would deadlock). Events reach other threads through queued
// connections to eventEmitted().

#include "common/clock.h"
#include "common/labevent.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace Uptane::Net {

// POST /director/<vin>/manifest: the answer body (JSON), or an error (UnknownVehicle -> 404,
// TooLarge -> 413, IoError/CryptoFailure -> 500, anything else -> 400).
using ManifestHandler = std::function<Result<QByteArray>(const QString &vin, const QByteArray &body)>;
// POST /timeserver/attestation: the attestation bytes, or an error (mapped as above).
using AttestationHandler = std::function<Result<QByteArray>(const QByteArray &body)>;

// The adversary's man in the middle (issue 5): what a filter sees of one exchange and may
// change. A request filter runs before routing; a response filter after it, on every answer
// (the route's or the request filter's own; not on a request already dropped). Requests
// refused from their headers alone (411, 413, 431) are answered before any filter runs.
// Slow and endless answers are streamed by PacedWriter without blocking the host's thread.
struct HttpExchange
{
    enum class Delivery {
        Normal,   // the answer as it is
        Drop,     // close the connection without answering (the client sees an empty reply)
        Slow,     // the answer at bytesPerSecond, with its real Content-Length
        Endless,  // the body, then filler bytes until the client gives up or maxEndlessBytes
    };
    QByteArray method;        // "GET", "POST", ...
    QString path;             // percent-decoded, as routed ("/imagerepo/targets/a/b.img"); the
                              // raw path when it does not decode (answered 400 unless filtered)
    QByteArray requestBody;   // what the handler gets; a request filter may change it
    // Request filter: 0 = let the route answer; set status and body to answer instead (the
    // route is skipped). Response filter: the answer, to keep or change.
    int status = 0;
    QByteArray contentType;   // empty in an answer of the request filter: application/octet-stream
    QByteArray body;
    Delivery delivery = Delivery::Normal;
    qint64 bytesPerSecond = 0;  // Slow: the rate (at least 1); Endless: 0 = as fast as the client reads
    qint64 maxEndlessBytes = 256LL * 1024 * 1024;  // Endless: body bytes in all, filler included
    // Endless: false sends no Content-Length (the body ends with the connection, so a client
    // reads until its own cap: TooLarge); true announces the body's real length and keeps
    // sending anyway (a client honouring Content-Length stops there and is unaffected).
    bool announceLength = false;
};
// Both run on the host's thread, for every request, and must not block.
using RequestFilter = std::function<void(HttpExchange &)>;
using ResponseFilter = std::function<void(HttpExchange &)>;

struct HttpHostConfig
{
    QString imageRepoMetadataDir;  // served at /imagerepo/metadata/
    QString imageRepoTargetsDir;   // served at /imagerepo/targets/
    QString directorDir;           // /director/<vin>/metadata/ serves <directorDir>/<vin>/metadata/
    qint64 maxBodyBytes = 1024 * 1024;  // request bodies (POST)
    // Content-Type of attestations (the workspace encoding's): "application/json" or
    // "application/octet-stream". Manifest answers are always JSON.
    QByteArray attestationContentType = "application/json";
    int idleTimeoutMs = 30'000;    // a connection where no byte moves for this long is dropped
    const Clock *clock = nullptr;  // event times; the system clock when null (must outlive)
};

class HttpHost : public QObject
{
    Q_OBJECT
public:
    explicit HttpHost(HttpHostConfig config, QObject *parent = nullptr);
    ~HttpHost() override;

    void setManifestHandler(ManifestHandler handler) { m_onManifest = std::move(handler); }
    void setAttestationHandler(AttestationHandler handler) { m_onAttestation = std::move(handler); }
    // The man in the middle (an empty function: none). Call on the host's thread. Events
    // then report what was sent, the summary saying "(rewritten)", "(dropped)",
    // "(slow N B/s)" or "(endless)" where a filter changed it.
    void setRequestFilter(RequestFilter filter) { m_requestFilter = std::move(filter); }
    void setResponseFilter(ResponseFilter filter) { m_responseFilter = std::move(filter); }

    // Listens on 127.0.0.1:port (0: an ephemeral port) and returns the port. IoError when the
    // port cannot be bound; InvalidArgument when already listening.
    Result<quint16> listen(quint16 port = 0);
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    // "http://127.0.0.1:PORT/" (empty before listen()).
    QString baseUrl() const;

    // Content-Type for a served file: application/json for ".json", else
    // application/octet-stream.
    static QByteArray contentTypeFor(const QString &fileName);

Q_SIGNALS:
    // HttpRequest when a request is complete (or refused from its headers), HttpResponse with
    // its answer (error set for non-2xx statuses).
    void eventEmitted(const Uptane::LabEvent &event);

private:
    struct Response;
    class Guard;
    friend class Guard;

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    Response route(const QByteArray &method, const QStringList &segments, const QByteArray &body);
    Response serveFile(const QString &root, const QStringList &segments, qsizetype first);
    Response callHandler(const QString &node, const QByteArray &contentType,
                         const std::function<Result<QByteArray>()> &call);
    // Runs the response filter on response; true when it changed the answer.
    bool filterResponse(HttpExchange &exchange, Response &response) const;
    // Sends the answer as exchange.delivery says and reports it.
    void deliver(QHttpServerResponder &responder, const QString &node, const QByteArray &method,
                 const QByteArray &target, const Response &response, const HttpExchange &exchange,
                 bool rewritten);
    // Answers a request the guard refused from its headers alone, then closes.
    void refuseEarly(QTcpSocket *socket, const QByteArray &method, const QByteArray &target,
                     int status, const Error &error);
    void emitRequest(const QString &to, const QByteArray &method, const QByteArray &target,
                     const QByteArray &body, const QString &note = {});
    void emitResponse(const QString &from, const QByteArray &method, const QByteArray &target,
                      const Response &response, const QString &note = {});
    LabEvent makeEvent(LabEvent::Kind kind, const QString &from, const QString &to,
                       const QString &summary, const QByteArray &bytes) const;
    QDateTime now() const;

    HttpHostConfig m_config;
    ManifestHandler m_onManifest;
    AttestationHandler m_onAttestation;
    RequestFilter m_requestFilter;
    ResponseFilter m_responseFilter;
    QHttpServer *m_server = nullptr;  // child
    quint16 m_port = 0;
};

// The path segments of a request target ("/a/b%2Fc?q" -> "a", "b/c"), percent-decoded, or
// InvalidArgument when a segment is empty, "." or "..", or contains '/', '\\', NUL or
// another control character after decoding, or is not UTF-8. Exposed for tests.
Result<QStringList> decodePathSegments(const QByteArray &encodedPath);

} // namespace Uptane::Net
