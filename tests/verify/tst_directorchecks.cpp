// Uptane Standard §5.4.4.6, the Director Targets checks TUF does not make: no delegations,
// no ECU id twice, every ECU id belongs to this vehicle (and, when known, the vehicle id).

#include "verify/directorchecks.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Qt::StringLiterals;

namespace {

Metadata::TargetFile target(const QString &path, std::optional<QString> ecu)
{
    Metadata::TargetFile file;
    file.path = path;
    file.length = 1;
    if (ecu)
        file.ecuSerials = {*ecu};
    return file;
}

Metadata::Targets directorTargets()
{
    Metadata::Targets targets;
    targets.vehicleId = u"democar"_s;
    targets.targets.insert(u"fw-a.img"_s, target(u"fw-a.img"_s, u"ecu-a"_s));
    targets.targets.insert(u"fw-b.img"_s, target(u"fw-b.img"_s, u"ecu-b"_s));
    return targets;
}

const DirectorExpectations kVehicle{{u"ecu-a"_s, u"ecu-b"_s, u"ecu-c"_s}, u"democar"_s};

} // namespace

class TestDirectorChecks : public QObject
{
    Q_OBJECT
private slots:
    void acceptsGoodTargets()
    {
        VerificationReport report;
        QVERIFY(checkDirectorTargets(directorTargets(), kVehicle, &report));
        QCOMPARE(report.checks().size(), 3);
        QVERIFY(report.allPassed());
        QCOMPARE(report.checks().first().step, u"Uptane 5.4.4.6"_s);
    }

    void acceptsOneImageForSeveralEcus()
    {
        Metadata::Targets targets = directorTargets();
        targets.targets[u"fw-a.img"_s].ecuSerials = {u"ecu-a"_s, u"ecu-c"_s};
        QVERIFY(checkDirectorTargets(targets, kVehicle));
    }

    void acceptsEmptyTargetsNamingTheVehicle()
    {
        Metadata::Targets empty;
        empty.vehicleId = u"democar"_s;
        QVERIFY(checkDirectorTargets(empty, kVehicle));
    }

    void acceptsEmptyDelegationsObject()
    {
        Metadata::Targets targets = directorTargets();
        targets.delegations = Metadata::Delegations{};
        QVERIFY(checkDirectorTargets(targets, kVehicle));
    }

    void withoutVehicleExpectationAnyVehicle()
    {
        Metadata::Targets targets = directorTargets();
        targets.vehicleId.reset();
        QVERIFY(checkDirectorTargets(targets, DirectorExpectations{kVehicle.ecuIds, std::nullopt}));
    }

    // A Secondary doing full verification knows no other ECU of its vehicle: it passes no
    // ECU list, and then any ECU id is accepted (the other checks remain, see rejects()).
    void withoutEcuListAnyEcu()
    {
        Metadata::Targets targets = directorTargets();
        targets.targets.insert(u"fw-x.img"_s, target(u"fw-x.img"_s, u"ecu-x"_s));
        VerificationReport report;
        QVERIFY(checkDirectorTargets(targets, DirectorExpectations{{}, u"democar"_s}, &report));
        QVERIFY(report.allPassed());
    }

    void rejects_data()
    {
        QTest::addColumn<int>("mutation");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("withEcuList");
        QTest::newRow("delegates to a role") << 0 << ErrorCode::DirectorHasDelegations << true;
        QTest::newRow("lists a delegation key") << 1 << ErrorCode::DirectorHasDelegations << true;
        QTest::newRow("one ECU twice") << 2 << ErrorCode::DuplicateEcu << true;
        QTest::newRow("ECU of another vehicle") << 3 << ErrorCode::UnknownEcu << true;
        QTest::newRow("target without ECU id") << 4 << ErrorCode::SchemaViolation << true;
        QTest::newRow("another vehicle") << 5 << ErrorCode::UnknownEcu << true;
        QTest::newRow("no vehicle named") << 6 << ErrorCode::UnknownEcu << true;
        QTest::newRow("ECU twice in one list") << 7 << ErrorCode::DuplicateEcu << true;
        QTest::newRow("ECU in a list and alone") << 8 << ErrorCode::DuplicateEcu << true;
        QTest::newRow("foreign ECU in a list") << 9 << ErrorCode::UnknownEcu << true;
        // ... but without an ECU list (a full-verification Secondary) the other checks remain.
        QTest::newRow("no list: delegates") << 0 << ErrorCode::DirectorHasDelegations << false;
        QTest::newRow("no list: one ECU twice") << 2 << ErrorCode::DuplicateEcu << false;
        QTest::newRow("no list: target without ECU id") << 4 << ErrorCode::SchemaViolation << false;
        QTest::newRow("no list: another vehicle") << 5 << ErrorCode::UnknownEcu << false;
        QTest::newRow("no list: ECU twice in one list") << 7 << ErrorCode::DuplicateEcu << false;
    }
    void rejects()
    {
        QFETCH(int, mutation);
        QFETCH(ErrorCode, code);
        QFETCH(bool, withEcuList);
        Metadata::Targets targets = directorTargets();
        switch (mutation) {
        case 0: {
            Metadata::Delegations delegations;
            Metadata::DelegatedRole role;
            role.name = u"supplier"_s;
            role.paths = QStringList{u"*"_s};
            delegations.roles.append(role);
            targets.delegations = delegations;
            break;
        }
        case 1: {
            Metadata::Delegations delegations;
            delegations.keys.insert(u"abc"_s, Metadata::KeyEntry{});
            targets.delegations = delegations;
            break;
        }
        case 2:
            targets.targets.insert(u"fw-c.img"_s, target(u"fw-c.img"_s, u"ecu-a"_s));
            break;
        case 3:
            targets.targets.insert(u"fw-x.img"_s, target(u"fw-x.img"_s, u"ecu-x"_s));
            break;
        case 4:
            targets.targets.insert(u"fw-x.img"_s, target(u"fw-x.img"_s, std::nullopt));
            break;
        case 5:
            targets.vehicleId = u"othercar"_s;
            break;
        case 6:
            targets.vehicleId.reset();
            break;
        case 7:
            targets.targets[u"fw-a.img"_s].ecuSerials = {u"ecu-a"_s, u"ecu-c"_s, u"ecu-a"_s};
            break;
        case 8:
            targets.targets[u"fw-a.img"_s].ecuSerials = {u"ecu-a"_s, u"ecu-b"_s};
            break;
        case 9:
            targets.targets[u"fw-a.img"_s].ecuSerials = {u"ecu-a"_s, u"ecu-x"_s};
            break;
        }
        VerificationReport report;
        const DirectorExpectations expected{withEcuList ? kVehicle.ecuIds : QSet<QString>{}, kVehicle.vehicleId};
        auto result = checkDirectorTargets(targets, expected, &report);
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QVERIFY(report.firstFailure().has_value());
        QCOMPARE(report.firstFailure()->error->code, code);
    }
};

QTEST_GUILESS_MAIN(TestDirectorChecks)
#include "tst_directorchecks.moc"
