// The TUF §4 format rules the verifier applies itself (verify/formatchecks.h), independent of
// what the codec already refuses while reading, and rotatesKeys() (§5.3.11).

#include "verify/formatchecks.h"
#include "verify/trustedrepository.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kExpires = QDateTime::fromSecsSinceEpoch(2'000'000'000, Qt::UTC);

Metadata::Root validRoot()
{
    Metadata::Root root;
    root.expires = kExpires;
    for (const QString &role : {u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s}) {
        root.roles.insert(role, Metadata::RoleKeys{{role + u"-key"_s}, 1, {}});
        Metadata::KeyEntry entry;
        entry.keyid = role + u"-key"_s;
        root.keys.insert(entry.keyid, entry);
    }
    return root;
}

Metadata::DelegatedRole delegation(const QString &name)
{
    Metadata::DelegatedRole role;
    role.name = name;
    role.keyids = {u"k"_s};
    role.paths = QStringList{u"*"_s};
    return role;
}

void expectCode(const Result<void> &result, ErrorCode code)
{
    QVERIFY(!result);
    QCOMPARE(result.error().code, code);
}

} // namespace

class TestFormatChecks : public QObject
{
    Q_OBJECT
private slots:
    void root()
    {
        QVERIFY(validateFormat(validRoot()));
        Metadata::Root root = validRoot();
        root.roles.remove(u"timestamp"_s);
        expectCode(validateFormat(root), ErrorCode::MissingRole);
        root = validRoot();
        root.roles[u"snapshot"_s].threshold = 0;
        expectCode(validateFormat(root), ErrorCode::SchemaViolation);
        root = validRoot();
        root.roles[u"targets"_s].keyids.append(u"targets-key"_s);
        expectCode(validateFormat(root), ErrorCode::DuplicateKey);
        root = validRoot();
        root.version = 0;
        expectCode(validateFormat(root), ErrorCode::SchemaViolation);
        root = validRoot();
        root.expires = QDateTime();
        expectCode(validateFormat(root), ErrorCode::SchemaViolation);
    }

    void metaFiles()
    {
        Metadata::Timestamp timestamp;
        timestamp.expires = kExpires;
        QVERIFY(validateFormat(timestamp));
        timestamp.snapshot.version = 0;
        expectCode(validateFormat(timestamp), ErrorCode::SchemaViolation);
        timestamp.snapshot.version = 1;
        timestamp.snapshot.length = -1;
        expectCode(validateFormat(timestamp), ErrorCode::SchemaViolation);

        Metadata::Snapshot snapshot;
        snapshot.expires = kExpires;
        snapshot.meta.insert(u"targets.json"_s, Metadata::MetaFile{});
        QVERIFY(validateFormat(snapshot));
        snapshot.meta[u"targets.json"_s].version = -3;
        expectCode(validateFormat(snapshot), ErrorCode::SchemaViolation);
    }

    void delegations()
    {
        Metadata::Targets targets;
        targets.expires = kExpires;
        QVERIFY(validateFormat(targets));
        targets.delegations = Metadata::Delegations{};
        targets.delegations->roles = {delegation(u"a"_s), delegation(u"b"_s)};
        QVERIFY(validateFormat(targets));

        Metadata::Targets twice = targets;
        twice.delegations->roles.append(delegation(u"a"_s));
        expectCode(validateFormat(twice), ErrorCode::DuplicateRoleName);

        Metadata::Targets both = targets;
        both.delegations->roles[0].pathHashPrefixes = QStringList{u"ab"_s};
        expectCode(validateFormat(both), ErrorCode::SchemaViolation);

        Metadata::Targets zero = targets;
        zero.delegations->roles[1].threshold = 0;
        expectCode(validateFormat(zero), ErrorCode::SchemaViolation);

        Metadata::Targets dupKey = targets;
        dupKey.delegations->roles[1].keyids = {u"k"_s, u"k"_s};
        expectCode(validateFormat(dupKey), ErrorCode::DuplicateKey);
    }

    void rotation()
    {
        const Metadata::Root from = validRoot();
        QVERIFY(!rotatesKeys(from, from, u"timestamp"_s));
        Metadata::Root to = from;
        to.roles[u"timestamp"_s].keyids = {u"new-key"_s};
        QVERIFY(rotatesKeys(from, to, u"timestamp"_s));
        QVERIFY(!rotatesKeys(from, to, u"snapshot"_s));
        to = from;
        to.roles[u"snapshot"_s].threshold = 2;
        QVERIFY(rotatesKeys(from, to, u"snapshot"_s));
        to = from;
        to.roles[u"snapshot"_s].keyids = {u"snapshot-key"_s, u"snapshot-key-2"_s};
        QVERIFY(rotatesKeys(from, to, u"snapshot"_s));
        // Same keyid, other key material (keyids are opaque in foreign repositories).
        to = from;
        auto ed = Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519);
        QVERIFY(ed);
        to.keys[u"timestamp-key"_s].key = ed->publicKey();
        QVERIFY(rotatesKeys(from, to, u"timestamp"_s));
        // Reordered keyids are the same set.
        Metadata::Root a = from;
        a.roles[u"targets"_s].keyids = {u"x"_s, u"y"_s};
        Metadata::Root b = from;
        b.roles[u"targets"_s].keyids = {u"y"_s, u"x"_s};
        QVERIFY(!rotatesKeys(a, b, u"targets"_s));
    }
};

QTEST_GUILESS_MAIN(TestFormatChecks)
#include "tst_formatchecks.moc"
