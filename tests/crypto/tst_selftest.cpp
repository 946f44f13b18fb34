#include "crypto/selftest.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>
#include <vector>

using namespace Uptane;
using namespace Uptane::Crypto;

class TestSelfTest : public QObject
{
    Q_OBJECT
private slots:
    // The application runs it at every start: it must stay cheap (no RSA key generation).
    // Measured cold (first call: provider loading included), as at start-up. The budget is
    // 50 ms; the assertion leaves room for a loaded CI machine.
    void isFast()
    {
        QElapsedTimer timer;
        timer.start();
        const auto result = runSelfTest();
        const qint64 ms = timer.elapsed();
        QVERIFY(result.has_value());
        qInfo("self-test took %lld ms", ms);
        QVERIFY2(ms < 250, qPrintable(QStringLiteral("self-test took %1 ms").arg(ms)));
    }

    void passesOnThisMachine()
    {
        const auto result = runSelfTest();
        QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().toString()));
    }

    // Start-up may race with worker threads that already verify: repeated and concurrent
    // runs (sodium_init, digest fetch) must stay correct.
    void repeatableAndThreadSafe()
    {
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                if (!runSelfTest())
                    ++failures;
            });
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSelfTest)
#include "tst_selftest.moc"
