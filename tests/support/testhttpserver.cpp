#include "testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;

namespace Uptane::Test {

struct TestHttpServer::State
{
    mutable QMutex mutex;
    QString root;
    QHash<QString, QByteArray> contents;
    QHash<QString, Behaviour> behaviours;
    QList<LoggedRequest> log;
};

namespace {

using State = TestHttpServer::State;

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray head(int status, std::optional<qint64> contentLength)
{
    QByteArray text = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    if (contentLength)
        text += "Content-Length: " + QByteArray::number(*contentLength) + "\r\n";
    text += "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
    return text;
}

// The decoded path of a request target: origin form "/a%20b?q" or, when a client uses us
// as its proxy, absolute form "http://host:port/a%20b".
QString decodePath(const QByteArray &target)
{
    QByteArray raw = target;
    if (raw.startsWith("http://") || raw.startsWith("https://")) {
        const qsizetype slash = raw.indexOf('/', raw.indexOf("//") + 2);
        raw = slash < 0 ? QByteArray("/") : raw.mid(slash);
    }
    const qsizetype query = raw.indexOf('?');
    if (query >= 0)
        raw.truncate(query);
    return QUrl::fromPercentEncoding(raw);
}

// Content for path: the in-memory map, then the document root (never outside it).
std::optional<QByteArray> lookup(const State &state, const QString &path)
{
    if (const auto it = state.contents.constFind(path); it != state.contents.cend())
        return *it;
    if (state.root.isEmpty())
        return std::nullopt;
    const QString root = QDir::cleanPath(state.root);
    const QString file = QDir::cleanPath(root + u'/' + path);
    if (!file.startsWith(root + u'/') || !QFileInfo(file).isFile())
        return std::nullopt;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return f.readAll();
}

// Keeps an endless body flowing while the client reads, without flooding the buffer.
void pumpEndless(QTcpSocket *socket)
{
    static const QByteArray chunk(16 * 1024, 'x');
    while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 4 * chunk.size())
        socket->write(chunk);
}

// One request as read off the wire.
struct Request
{
    QByteArray method;
    QByteArray target;
    QByteArray body;
    QByteArray contentType;
};

void respond(QTcpSocket *socket, const std::shared_ptr<State> &state, const Request &request)
{
    const QByteArray &target = request.target;
    const QString path = decodePath(target);
    std::optional<QByteArray> body;
    Behaviour behaviour;
    {
        QMutexLocker lock(&state->mutex);
        body = lookup(*state, path);
        behaviour = state->behaviours.value(path, Behaviour::serve());
    }
    int status = behaviour.kind == Behaviour::Kind::Status ? behaviour.status : 200;
    if (!body && behaviour.kind != Behaviour::Kind::Status && behaviour.kind != Behaviour::Kind::Endless)
        status = 404;
    {
        QMutexLocker lock(&state->mutex);
        LoggedRequest logged{request.method, target, path, status};
        logged.body = request.body;
        logged.contentType = request.contentType;
        state->log.append(logged);
    }

    if (status != 200 || behaviour.kind == Behaviour::Kind::Status) {
        const QByteArray text = behaviour.kind == Behaviour::Kind::Status && !behaviour.statusBody.isEmpty()
                                    ? behaviour.statusBody
                                    : "status " + QByteArray::number(status) + '\n';
        socket->write(head(status, text.size()) + text);
        socket->disconnectFromHost();
        return;
    }
    switch (behaviour.kind) {
    case Behaviour::Kind::Serve:
    case Behaviour::Kind::Status:
        socket->write(head(200, body->size()) + *body);
        socket->disconnectFromHost();
        return;
    case Behaviour::Kind::LyingLength:
        socket->write(head(200, behaviour.announcedLength) + *body);
        socket->disconnectFromHost();
        return;
    case Behaviour::Kind::NoLength:
        socket->write(head(200, std::nullopt) + *body);
        socket->disconnectFromHost();
        return;
    case Behaviour::Kind::Endless:
        socket->write(head(200, std::nullopt));
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [socket] { pumpEndless(socket); });
        pumpEndless(socket);
        return;
    case Behaviour::Kind::Trickle: {
        socket->write(head(200, body->size()));
        const auto remaining = std::make_shared<QByteArray>(*body);
        const int chunk = qMax(1, behaviour.chunkBytes);
        auto sendChunk = [socket, remaining, chunk] {
            socket->write(remaining->left(chunk));
            remaining->remove(0, qMin<qsizetype>(chunk, remaining->size()));
            if (remaining->isEmpty())
                socket->disconnectFromHost();
        };
        sendChunk();
        if (behaviour.intervalMs > 0 && !remaining->isEmpty()) {
            auto *timer = new QTimer(socket);
            QObject::connect(timer, &QTimer::timeout, socket, [timer, remaining, sendChunk] {
                if (remaining->isEmpty())
                    timer->stop();
                else
                    sendChunk();
            });
            timer->start(behaviour.intervalMs);
        }
        return;
    }
    }
}

// The value of a header in a request head (names compare case-insensitively); null if absent.
QByteArray headerValue(const QByteArray &head, QByteArrayView name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && QByteArrayView(line).first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// Reads one request: its head, then as many body bytes as its Content-Length announces
// (none for a GET; chunked bodies are not supported).
void serveConnection(QTcpSocket *socket, const std::shared_ptr<State> &state)
{
    auto buffer = std::make_shared<QByteArray>();
    auto answered = std::make_shared<bool>(false);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, state, buffer, answered] {
        buffer->append(socket->readAll());
        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
        if (*answered || headEnd < 0)
            return;
        const QByteArray requestHead = buffer->left(headEnd);
        const qint64 length = headerValue(requestHead, "Content-Length").toLongLong();
        if (buffer->size() < headEnd + 4 + length)
            return;
        *answered = true;
        const QList<QByteArray> requestLine = requestHead.left(requestHead.indexOf("\r\n")).split(' ');
        if (requestLine.size() != 3) {
            socket->write(head(400, 0));
            socket->disconnectFromHost();
            return;
        }
        respond(socket, state, {requestLine.at(0), requestLine.at(1), buffer->mid(headEnd + 4, length),
                                headerValue(requestHead, "Content-Type")});
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

TestHttpServer::TestHttpServer()
    : m_state(std::make_shared<State>())
    , m_thread(new QThread)
    , m_anchor(new QObject)
{
    m_thread->setObjectName(u"TestHttpServer"_s);
    m_anchor->moveToThread(m_thread);
    m_thread->start();
    const auto state = m_state;
    QObject *anchor = m_anchor;
    QMetaObject::invokeMethod(m_anchor, [this, state, anchor] {
        auto *server = new QTcpServer(anchor);
        QObject::connect(server, &QTcpServer::newConnection, server, [server, state] {
            while (QTcpSocket *socket = server->nextPendingConnection())
                serveConnection(socket, state);
        });
        if (server->listen(QHostAddress::LocalHost, 0))
            m_port = server->serverPort();
    }, Qt::BlockingQueuedConnection);
}

TestHttpServer::~TestHttpServer()
{
    QObject *anchor = m_anchor;
    // Close the listener and every open connection in their own thread, then stop it.
    QMetaObject::invokeMethod(m_anchor, [anchor] { qDeleteAll(anchor->children()); },
                              Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_anchor;
    delete m_thread;
}

QString TestHttpServer::url(const QString &path) const
{
    return u"http://127.0.0.1:%1"_s.arg(m_port) + path;
}

void TestHttpServer::setDocumentRoot(const QString &directory)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->root = directory;
}

void TestHttpServer::setContent(const QString &path, const QByteArray &body)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->contents.insert(path, body);
}

void TestHttpServer::setBehaviour(const QString &path, const Behaviour &behaviour)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->behaviours.insert(path, behaviour);
}

void TestHttpServer::clearBehaviours()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->behaviours.clear();
}

QList<LoggedRequest> TestHttpServer::requests() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->log;
}

QStringList TestHttpServer::requestedPaths() const
{
    QStringList paths;
    for (const LoggedRequest &request : requests())
        paths << request.path;
    return paths;
}

void TestHttpServer::clearRequests()
{
    QMutexLocker lock(&m_state->mutex);
    m_state->log.clear();
}

} // namespace Uptane::Test
