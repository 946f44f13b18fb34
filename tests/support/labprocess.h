#pragma once

// uptane-lab as a child process for end-to-end tests: runLab() runs a command to its end;
// ServeProcess starts `uptane-lab serve`, reads the base URL it prints, counts the events it
// narrates with --verbose and stops it with a signal.
// Header-only (tests/e2e and tests/interop use it); needs UPTANE_LAB_BINARY.

#include <QDeadlineTimer>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <csignal>
#include <signal.h>
#include <sys/types.h>

namespace Uptane::Test {

struct Run
{
    int exitCode = -1;  // -1: did not exit normally within the time limit
    QByteArray out;
    QByteArray err;
};

// Runs `uptane-lab ARGUMENTS` to its end (at most timeoutMs).
inline Run runLab(const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess process;
    process.start(QStringLiteral(UPTANE_LAB_BINARY), arguments);
    Run run;
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

class ServeProcess
{
public:
    ServeProcess() = default;
    ~ServeProcess() { stop(SIGKILL); }
    ServeProcess(const ServeProcess &) = delete;
    ServeProcess &operator=(const ServeProcess &) = delete;

    // Starts `uptane-lab serve ARGS` and waits for the URL line. False when the process ends
    // first or prints nothing within timeoutMs (errors() then says why).
    bool start(const QStringList &arguments, int timeoutMs = 60000)
    {
        m_url.clear();
        m_err.clear();
        m_out.clear();
        m_process.setProgram(QStringLiteral(UPTANE_LAB_BINARY));
        m_process.setArguments(QStringList{QStringLiteral("serve")} + arguments);
        m_process.start();
        if (!m_process.waitForStarted(timeoutMs))
            return false;
        const QDeadlineTimer deadline(timeoutMs);
        while (!m_out.contains('\n')) {
            m_process.setReadChannel(QProcess::StandardOutput);
            const bool more = m_process.waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 1000)));
            collect();
            if (!more && (m_process.state() == QProcess::NotRunning || deadline.hasExpired()))
                break;
        }
        if (!m_out.contains('\n'))
            return false;
        m_url = QString::fromUtf8(m_out.left(m_out.indexOf('\n'))).trimmed();
        return true;
    }

    QString url() const { return m_url; }  // "http://127.0.0.1:PORT/"
    QProcess &process() { return m_process; }
    QByteArray errors()
    {
        collect();
        return m_err;
    }

    // With --verbose: waits until stderr has shown `marker` at least `count` times in all;
    // false when the process ends or timeoutMs passes first.
    bool waitForEvents(const QByteArray &marker, int count, int timeoutMs = 60000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (m_err.count(marker) < count) {
            if (m_process.state() == QProcess::NotRunning || deadline.hasExpired())
                return false;
            m_process.setReadChannel(QProcess::StandardError);
            m_process.waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 1000)));
            collect();
        }
        return true;
    }

    // Sends signal and waits for the end. Returns the exit code, or -1 when the process did
    // not exit normally (killed by the signal) or was not running.
    int stop(int signal = SIGTERM, int timeoutMs = 60000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        ::kill(pid_t(m_process.processId()), signal);
        if (!m_process.waitForFinished(timeoutMs)) {
            m_process.kill();
            m_process.waitForFinished();
            return -1;
        }
        collect();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    void collect()
    {
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
    }

    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
    QString m_url;
};

} // namespace Uptane::Test
