#include "net/httphost.h"

#include "net/pacedwriter.h"

#include <QDir>
#include <algorithm>
#include <QFile>
#include <QFileInfo>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Uptane::Net {

namespace {

constexpr qsizetype kMaxHeaderBytes = 32 * 1024;
constexpr qint64 kMaxServedFileBytes = 512LL * 1024 * 1024;
const QString kClientNode = u"client"_s;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    default: return "Status";
    }
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

// {"error": "<ErrorCode>", "detail": "..."}, the code first: clients that keep only the
// start of an error answer (CurlFetcher keeps 200 bytes) still see it. QJsonObject would
// sort "detail" first, so the object is written by hand, the detail escaped by QJsonDocument.
QByteArray errorBody(const Error &error)
{
    const QByteArray detail = QJsonDocument(QJsonArray{error.detail}).toJson(QJsonDocument::Compact);
    return "{\"error\":\"" + errorCodeName(error.code).toLatin1() + "\",\"detail\":" + detail.mid(1, detail.size() - 2)
           + '}';
}

// The node a route belongs to, for events ("imagerepo", "director", "timeserver").
QString nodeFor(const QByteArray &path)
{
    for (const QString &node : {u"imagerepo"_s, u"director"_s, u"timeserver"_s}) {
        if (path.startsWith(QByteArray('/' + node.toLatin1() + '/')))
            return node;
    }
    return u"http"_s;
}

// Status line and headers of an answer written to the socket directly. No Content-Length
// when length is empty (the body then ends with the connection).
QByteArray responseHead(int status, const QByteArray &contentType, std::optional<qint64> length,
                        const QByteArray &allow = {})
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"
                      "Content-Type: " + contentType + "\r\n";
    if (length)
        head += "Content-Length: " + QByteArray::number(*length) + "\r\n";
    if (!allow.isEmpty())
        head += "Allow: " + allow + "\r\n";
    return head + "Connection: close\r\n\r\n";
}

// The error an answer stands for once a filter wrote it: the code its body names, if any.
std::optional<Error> errorOfAnswer(int status, const QByteArray &body)
{
    if (status >= 200 && status <= 299)
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const auto code = errorCodeFromName(object.value(u"error"_s).toString());
    return Error{code.value_or(ErrorCode::HttpError),
                 QString(u"HTTP status %1 "_s.arg(status) + object.value(u"detail"_s).toString()).trimmed()};
}

bool isSafeVin(const QString &vin)
{
    if (vin.isEmpty() || vin.size() > 128 || vin.startsWith(u'.'))
        return false;
    return std::all_of(vin.begin(), vin.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'.' || c == u'_' || c == u'-';
    });
}

} // namespace

struct HttpHost::Response
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QByteArray allow;  // for 405
    std::optional<Error> error;

    static Response failure(int status, const Error &error)
    {
        Response response;
        response.status = status;
        response.body = errorBody(error);
        response.error = error;
        return response;
    }
};

// Accepts connections for the QHttpServer and, before QHttpServer sees a byte, reads each
// request's headers on its own (QHttpServer 6.4 would buffer any body the client announces).
// Its readyRead connection is made first, so it runs first; it only peeks, never reads.
class HttpHost::Guard final : public QTcpServer
{
public:
    explicit Guard(HttpHost *host) : QTcpServer(host), m_host(host) {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        watch(socket);
        addPendingConnection(socket);
    }

private:
    struct State
    {
        QByteArray head;
        bool done = false;
    };

    void watch(QTcpSocket *socket)
    {
        auto *idle = new QTimer(socket);
        idle->setSingleShot(true);
        idle->setInterval(m_host->m_config.idleTimeoutMs);
        connect(idle, &QTimer::timeout, socket, [socket] { socket->abort(); });
        // Idle means nothing moves either way: a slow client reading a large image is not.
        connect(socket, &QTcpSocket::bytesWritten, idle, [idle] { idle->start(); });
        idle->start();
        auto state = std::make_shared<State>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, idle, state] {
            idle->start();
            if (state->done)
                return;
            // QHttpServer consumes everything available while a request is incomplete, so
            // what is available now is what arrived since the last call.
            state->head += socket->peek(socket->bytesAvailable());
            inspect(socket, *state);
        });
    }

    void inspect(QTcpSocket *socket, State &state)
    {
        // QHttpServer skips blank lines before a request line and accepts LF line ends.
        qsizetype start = 0;
        while (start < state.head.size() && QByteArrayView("\r\n\t\v ").contains(state.head.at(start)))
            ++start;
        qsizetype end = -1;
        for (const QByteArrayView terminator : {QByteArrayView("\n\r\n"), QByteArrayView("\n\n")}) {
            const qsizetype at = state.head.indexOf(terminator, start);
            if (at >= 0 && (end < 0 || at + terminator.size() < end))
                end = at + terminator.size();
        }
        const QByteArray head = state.head.mid(start, end < 0 ? -1 : end - start);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray method = requestLine.value(0);
        const QByteArray target = requestLine.value(1);
        if (head.size() > kMaxHeaderBytes) {
            state.done = true;
            refuse(socket, method, target, 431,
                   {ErrorCode::TooLarge, u"request headers over %1 bytes"_s.arg(kMaxHeaderBytes)});
            return;
        }
        if (end < 0)
            return;  // headers incomplete
        state.done = true;
        state.head.clear();

        std::optional<qint64> length;
        bool chunked = false;
        for (const QByteArray &line : lines.mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "transfer-encoding") {
                chunked = true;
            } else if (name == "content-length") {
                bool ok = !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) {
                    return c >= '0' && c <= '9';
                });
                const qint64 parsed = ok ? value.toLongLong(&ok) : -1;
                if (!ok || (length && *length != parsed)) {
                    refuse(socket, method, target, 400,
                           {ErrorCode::InvalidArgument, u"malformed Content-Length"_s});
                    return;
                }
                length = parsed;
            }
        }
        if (chunked) {
            refuse(socket, method, target, 411,
                   {ErrorCode::InvalidArgument, u"request bodies need a Content-Length"_s});
        } else if (!length && method == "POST") {
            refuse(socket, method, target, 411,
                   {ErrorCode::InvalidArgument, u"POST needs a Content-Length"_s});
        } else if (length && *length > m_host->m_config.maxBodyBytes) {
            refuse(socket, method, target, 413,
                   {ErrorCode::TooLarge, u"request body of %1 bytes, at most %2"_s.arg(*length).arg(
                                             m_host->m_config.maxBodyBytes)});
        }
    }

    void refuse(QTcpSocket *socket, const QByteArray &method, const QByteArray &target, int status,
                const Error &error)
    {
        // Nobody else may read this request (disconnecting during the emission also skips
        // QHttpServer's slot, connected after ours).
        disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        m_host->refuseEarly(socket, method, target, status, error);
    }

    HttpHost *m_host;
};

HttpHost::HttpHost(HttpHostConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
}

HttpHost::~HttpHost() = default;

Result<quint16> HttpHost::listen(quint16 port)
{
    if (m_server)
        return fail(ErrorCode::InvalidArgument, u"HttpHost: already listening"_s);
    auto *guard = new Guard(this);
    if (!guard->listen(QHostAddress::LocalHost, port)) {
        const QString reason = guard->errorString();
        delete guard;
        return fail(ErrorCode::IoError, u"cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(reason));
    }
    m_server = new QHttpServer(this);
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
    m_server->bind(guard);  // reparents guard to the server
    m_port = guard->serverPort();
    return m_port;
}

QString HttpHost::baseUrl() const
{
    return m_port == 0 ? QString() : u"http://127.0.0.1:%1/"_s.arg(m_port);
}

QByteArray HttpHost::contentTypeFor(const QString &fileName)
{
    return fileName.endsWith(u".json"_s) ? QByteArray("application/json")
                                         : QByteArray("application/octet-stream");
}

QDateTime HttpHost::now() const
{
    return m_config.clock ? m_config.clock->now() : SystemClock().now();
}

void HttpHost::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QByteArray method = methodName(request.method());
    const QUrl url = request.url();
    const QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();
    const QByteArray target = url.hasQuery() ? path + '?' + url.query(QUrl::FullyEncoded).toUtf8() : path;
    const QString node = nodeFor(path);
    const auto segments = decodePathSegments(path);

    HttpExchange exchange;
    exchange.method = method;
    exchange.path = segments ? u'/' + segments->join(u'/') : QString::fromUtf8(path);
    exchange.requestBody = request.body();
    if (m_requestFilter)
        m_requestFilter(exchange);
    // The event shows what reaches the service (a tampered manifest, say), and says so.
    emitRequest(node, method, target, exchange.requestBody,
                exchange.requestBody != request.body() ? u" (rewritten)"_s : QString());

    Response response;
    bool rewritten = false;
    if (exchange.delivery != HttpExchange::Delivery::Drop) {
        if (exchange.status != 0) {
            // The man in the middle answers in the service's place.
            response.status = exchange.status;
            response.body = exchange.body;
            response.contentType = exchange.contentType.isEmpty() ? QByteArray("application/octet-stream")
                                                                  : exchange.contentType;
            response.error = errorOfAnswer(response.status, response.body);
            rewritten = true;
        } else if (!segments) {
            response = Response::failure(400, segments.error());
        } else {
            response = route(method, *segments, exchange.requestBody);
        }
        rewritten = filterResponse(exchange, response) || rewritten;
    }
    deliver(responder, node, method, target, response, exchange, rewritten);
}

bool HttpHost::filterResponse(HttpExchange &exchange, Response &response) const
{
    if (!m_responseFilter)
        return false;
    exchange.status = response.status;
    exchange.contentType = response.contentType;
    exchange.body = response.body;
    m_responseFilter(exchange);
    if (exchange.status == response.status && exchange.contentType == response.contentType
        && exchange.body == response.body)
        return false;
    if (exchange.status != 405)
        response.allow.clear();
    response.status = exchange.status;
    response.contentType = exchange.contentType;
    response.body = exchange.body;
    response.error = errorOfAnswer(response.status, response.body);
    return true;
}

void HttpHost::deliver(QHttpServerResponder &responder, const QString &node, const QByteArray &method,
                       const QByteArray &target, const Response &response, const HttpExchange &exchange,
                       bool rewritten)
{
    using Delivery = HttpExchange::Delivery;
    QTcpSocket *socket = responder.socket();
    if (socket) {
        // One request per connection: nothing more is read from it.
        disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    }
    QString note = rewritten ? u" (rewritten)"_s : QString();
    switch (exchange.delivery) {
    case Delivery::Drop: {
        if (socket)
            socket->disconnectFromHost();
        Response dropped;
        dropped.status = 0;
        dropped.error = Error{ErrorCode::ConnectionFailed, u"dropped: closed without an answer"_s};
        emitResponse(node, method, target, dropped, u" (dropped)"_s);
        return;
    }
    case Delivery::Slow:
    case Delivery::Endless: {
        const bool slow = exchange.delivery == Delivery::Slow;
        const qint64 rate = std::max<qint64>(slow ? 1 : 0, exchange.bytesPerSecond);
        const bool announce = slow || exchange.announceLength;
        const QByteArray head = responseHead(response.status, response.contentType,
                                             announce ? std::optional<qint64>(response.body.size()) : std::nullopt,
                                             response.allow);
        if (socket) {
            PacedWriter::start(socket, head, response.body, slow ? response.body.size() : exchange.maxEndlessBytes,
                               rate);
        }
        note += slow ? u" (slow %1 B/s)"_s.arg(rate) : u" (endless)"_s;
        emitResponse(node, method, target, response, note);
        return;
    }
    case Delivery::Normal:
        break;
    }
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    if (!response.allow.isEmpty())
        responder.writeHeader("Allow", response.allow);
    responder.writeHeader("Connection", "close");
    responder.writeBody(response.body);
    if (socket)
        socket->disconnectFromHost();
    emitResponse(node, method, target, response, note);
}

HttpHost::Response HttpHost::route(const QByteArray &method, const QStringList &segments,
                                   const QByteArray &body)
{
    const auto is = [&segments](qsizetype index, const QString &text) {
        return segments.value(index) == text;
    };
    const auto wrongMethod = [&method](const QByteArray &allowed) -> std::optional<Response> {
        if (method == allowed)
            return std::nullopt;
        Response response = Response::failure(
            405, {ErrorCode::InvalidArgument, u"%1 is not allowed here, only %2"_s.arg(
                                                  QString::fromLatin1(method), QString::fromLatin1(allowed))});
        response.allow = allowed;
        return response;
    };
    const Response notFound = Response::failure(404, {ErrorCode::NotFound, u"no such resource"_s});

    if (segments.size() >= 3 && is(0, u"imagerepo"_s) && (is(1, u"metadata"_s) || is(1, u"targets"_s))) {
        if (auto refused = wrongMethod("GET"))
            return *refused;
        if (is(1, u"metadata"_s) && segments.size() != 3)
            return notFound;
        return serveFile(is(1, u"metadata"_s) ? m_config.imageRepoMetadataDir : m_config.imageRepoTargetsDir,
                         segments, 2);
    }
    if (segments.size() >= 3 && is(0, u"director"_s) && is(2, u"metadata"_s)) {
        if (auto refused = wrongMethod("GET"))
            return *refused;
        const QString vin = segments.at(1);
        if (segments.size() != 4 || !isSafeVin(vin))
            return notFound;
        return serveFile(m_config.directorDir + u'/' + vin + u"/metadata"_s, segments, 3);
    }
    if (segments.size() == 3 && is(0, u"director"_s) && is(2, u"manifest"_s)) {
        if (auto refused = wrongMethod("POST"))
            return *refused;
        const QString vin = segments.at(1);
        if (!m_onManifest)
            return notFound;
        return callHandler(u"director"_s, "application/json", [&] { return m_onManifest(vin, body); });
    }
    if (segments.size() == 2 && is(0, u"timeserver"_s) && is(1, u"attestation"_s)) {
        if (auto refused = wrongMethod("POST"))
            return *refused;
        if (!m_onAttestation)
            return notFound;
        return callHandler(u"timeserver"_s, m_config.attestationContentType, [&] { return m_onAttestation(body); });
    }
    return notFound;
}

HttpHost::Response HttpHost::serveFile(const QString &root, const QStringList &segments, qsizetype first)
{
    const Response notFound = Response::failure(404, {ErrorCode::NotFound, u"no such file"_s});
    const QString canonicalRoot = root.isEmpty() ? QString() : QFileInfo(root).canonicalFilePath();
    if (canonicalRoot.isEmpty())
        return notFound;  // e.g. the directory of an unknown vehicle
    const QString relative = segments.mid(first).join(u'/');
    // Segments are already free of "..", "." and separators; resolving symlinks catches a
    // link that points outside the served directory.
    const QString canonical = QFileInfo(canonicalRoot + u'/' + relative).canonicalFilePath();
    if (canonical.isEmpty())
        return notFound;
    if (!canonical.startsWith(canonicalRoot + u'/'))
        return Response::failure(403, {ErrorCode::InvalidArgument, u"%1 leaves the served directory"_s.arg(relative)});
    QFile file(canonical);
    if (!QFileInfo(canonical).isFile() || !file.open(QIODevice::ReadOnly))
        return notFound;
    if (file.size() > kMaxServedFileBytes)
        return Response::failure(500, {ErrorCode::TooLarge, u"%1 is too large to serve"_s.arg(relative)});
    Response response;
    response.body = file.readAll();
    response.contentType = contentTypeFor(canonical);
    if (file.error() != QFileDevice::NoError)
        return Response::failure(500, {ErrorCode::IoError, u"cannot read %1"_s.arg(relative)});
    return response;
}

HttpHost::Response HttpHost::callHandler(const QString &node, const QByteArray &contentType,
                                         const std::function<Result<QByteArray>()> &call)
{
    auto answer = call();
    if (answer) {
        Response response;
        response.body = *answer;
        response.contentType = contentType;
        return response;
    }
    const Error &error = answer.error();
    int status = 400;
    switch (error.code) {
    case ErrorCode::UnknownVehicle:
    case ErrorCode::NotFound:
        status = 404;
        break;
    case ErrorCode::TooLarge:
        status = 413;
        break;
    case ErrorCode::IoError:
    case ErrorCode::CryptoFailure:
        status = 500;
        break;
    default:
        break;
    }
    return Response::failure(status, error.context(node));
}

void HttpHost::refuseEarly(QTcpSocket *socket, const QByteArray &method, const QByteArray &target,
                           int status, const Error &error)
{
    const QString node = nodeFor(target);
    emitRequest(node, method, target, {});
    const Response response = Response::failure(status, error);
    socket->write(responseHead(status, response.contentType, response.body.size()) + response.body);
    socket->disconnectFromHost();
    emitResponse(node, method, target, response);
}

LabEvent HttpHost::makeEvent(LabEvent::Kind kind, const QString &from, const QString &to,
                             const QString &summary, const QByteArray &bytes) const
{
    LabEvent event;
    event.time = now();
    event.from = from;
    event.to = to;
    event.kind = kind;
    event.summary = summary;
    event.bytes = bytes.left(kMaxEventBytes);
    event.totalBytes = bytes.size();
    return event;
}

void HttpHost::emitRequest(const QString &to, const QByteArray &method, const QByteArray &target,
                           const QByteArray &body, const QString &note)
{
    QString summary = QString::fromLatin1(method) + u' ' + QString::fromUtf8(target.left(512));
    if (!body.isEmpty())
        summary += u" (%1 bytes)"_s.arg(body.size());
    summary += note;
    Q_EMIT eventEmitted(makeEvent(LabEvent::Kind::HttpRequest, kClientNode, to, summary, body));
}

void HttpHost::emitResponse(const QString &from, const QByteArray &method, const QByteArray &target,
                            const Response &response, const QString &note)
{
    const QString request = QString::fromLatin1(method) + u' ' + QString::fromUtf8(target.left(512));
    const QString summary = response.status == 0
        ? u"no answer for %1"_s.arg(request) + note
        : u"%1 %2 for %3 (%4 bytes)"_s.arg(response.status)
              .arg(QString::fromLatin1(reasonPhrase(response.status)), request)
              .arg(response.body.size()) + note;
    LabEvent event = makeEvent(LabEvent::Kind::HttpResponse, from, kClientNode, summary, response.body);
    event.error = response.error;
    Q_EMIT eventEmitted(event);
}

Result<QStringList> decodePathSegments(const QByteArray &encodedPath)
{
    const qsizetype query = encodedPath.indexOf('?');
    const QByteArray path = query < 0 ? encodedPath : encodedPath.left(query);
    if (!path.startsWith('/'))
        return fail(ErrorCode::InvalidArgument, u"request path must start with '/'"_s);
    QStringList segments;
    if (path == "/")
        return segments;
    for (const QByteArray &raw : path.mid(1).split('/')) {
        const QByteArray bytes = QByteArray::fromPercentEncoding(raw);
        const QString segment = QString::fromUtf8(bytes);
        if (segment.toUtf8() != bytes)
            return fail(ErrorCode::InvalidArgument, u"path segment is not UTF-8"_s);
        if (segment.isEmpty() || segment == u"."_s || segment == u".."_s)
            return fail(ErrorCode::InvalidArgument, u"path segment '%1' not allowed"_s.arg(segment));
        for (const QChar c : segment) {
            if (c == u'/' || c == u'\\' || c.unicode() < 0x20 || c.unicode() == 0x7f)
                return fail(ErrorCode::InvalidArgument, u"path segment with a separator or control character"_s);
        }
        segments.append(segment);
    }
    return segments;
}

} // namespace Uptane::Net
