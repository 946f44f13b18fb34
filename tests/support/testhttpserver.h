#pragma once

// A minimal HTTP/1.1 static file server for tests, on 127.0.0.1 and an ephemeral port.
//
// It runs in its own thread with its own event loop, because the code under test (libcurl,
// or a child process) blocks the test thread while it talks to the server. Every response
// closes its connection. Paths are served from an in-memory map first, then from a document
// root on disk; anything else is a 404. Per path, a Behaviour turns the server into an
// adversary: a status code, a slow trickle, an endless body, a lying Content-Length.
// Every request is logged. A request body (POST) is read up to its Content-Length before the
// answer and logged with it; the answer is the same as for a GET. All public functions are
// thread-safe.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QObject;
class QThread;

namespace Uptane::Test {

struct Behaviour
{
    enum class Kind {
        Serve,        // 200 with the content and its true Content-Length
        Status,       // the given status, a short text body
        Trickle,      // true Content-Length, then chunkBytes every intervalMs (<= 0: stall)
        Endless,      // 200, no Content-Length, data until the client hangs up
        LyingLength,  // Content-Length: announcedLength, then the real content, then close
        NoLength,     // 200, the content without Content-Length, then close
    };
    Kind kind = Kind::Serve;
    int status = 200;
    qint64 announcedLength = 0;
    int chunkBytes = 1;
    int intervalMs = 200;
    QByteArray statusBody{};  // Status: the body to send; empty: "status <code>\n"

    static Behaviour serve() { return {}; }
    static Behaviour withStatus(int status) { return {Kind::Status, status}; }
    static Behaviour withStatus(int status, const QByteArray &body)
    {
        Behaviour behaviour{Kind::Status, status};
        behaviour.statusBody = body;
        return behaviour;
    }
    static Behaviour trickle(int chunkBytes, int intervalMs)
    {
        return {Kind::Trickle, 200, 0, chunkBytes, intervalMs};
    }
    static Behaviour endless() { return {Kind::Endless}; }
    static Behaviour lyingLength(qint64 announced) { return {Kind::LyingLength, 200, announced}; }
    static Behaviour noLength() { return {Kind::NoLength}; }
};

struct LoggedRequest
{
    QByteArray method;
    QByteArray target;   // as sent: origin form "/a/b", or absolute form through a proxy
    QString path;        // decoded path, without scheme, host or query
    int status = 0;      // status the server answered with
    QByteArray body{};   // the request body (read up to its Content-Length)
    QByteArray contentType{};  // the Content-Type header's value, if any
};

class TestHttpServer
{
public:
    // Starts the thread and listens; port() is valid when the constructor returns.
    TestHttpServer();
    ~TestHttpServer();
    TestHttpServer(const TestHttpServer &) = delete;
    TestHttpServer &operator=(const TestHttpServer &) = delete;

    quint16 port() const { return m_port; }
    // "http://127.0.0.1:PORT" followed by path (which should start with '/').
    QString url(const QString &path = QString()) const;

    // Files under directory are served at "/<relative path>" (read at request time, so a
    // test may change them between requests). Empty: no document root.
    void setDocumentRoot(const QString &directory);
    // In-memory content for one path; takes precedence over the document root.
    void setContent(const QString &path, const QByteArray &body);
    void setBehaviour(const QString &path, const Behaviour &behaviour);
    void clearBehaviours();

    QList<LoggedRequest> requests() const;
    QStringList requestedPaths() const;
    void clearRequests();

    struct State;

private:
    std::shared_ptr<State> m_state;
    QThread *m_thread = nullptr;
    QObject *m_anchor = nullptr;  // lives in m_thread; parent of the listening socket
    quint16 m_port = 0;
};

} // namespace Uptane::Test
