// Updater::findTarget() and downloadTarget(): the delegation search of TUF 1.0 §5.6.7 and the
// target download of §5.7, for both encodings and all three key types.
//
// Checklist item (tuf-client-checklist.md)          pass                         fail
// 5.6.7 pre-order DFS, delegated roles on demand    delegatedTarget, searchOrder delegatedRoleInvalid, delegationNotInSnapshot
// 5.6.7 stored role re-verified with delegator      cachedRoleVerifiedAgainstCurrentDelegator
// 5.6.7.1 visited roles skipped, max delegations    cycles                       delegationLimit
// 5.6.7.2 order of appearance                       searchOrder (first-wins, depth-first)
// 5.6.7.2.1 terminating stops the search            searchOrder (terminating-*)
// 5.6.7.2.2 non-terminating continues               searchOrder (non-terminating)
// §4 paths: '*' never matches '/'                   searchOrder                  pathsMustCoverWholeChain
// §4 trusted paths of all roles in the chain        pathsMustCoverWholeChain     pathsMustCoverWholeChain
// §4 path_hash_prefixes                             hashPrefixes                 hashPrefixes
// §4 odd role names (URL quoting)                   unusualRoleNames
// 5.7.1/5.7.2 target from trusted metadata          topLevelTarget               targetNotFound, searchNeedsRefresh
// 5.7.3 HASH.FILENAME, length + all hashes          downloadTarget               downloadRejected (hash, longer, shorter, 404, unknown-hash-only)

#include "updaterfixture.h"

#include "crypto/hash.h"
#include "verify/metachecks.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

using namespace Uptane;
using namespace Uptane::Verify;
using namespace Uptane::Test;
using namespace Qt::StringLiterals;
using Metadata::Encoding;
using Crypto::KeyType;

namespace {

Metadata::DelegatedRole delegatedRole(const QString &name, const QStringList &paths, bool terminating = false)
{
    Metadata::DelegatedRole role;
    role.name = name;
    role.paths = paths;
    role.terminating = terminating;
    return role;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestTargetSearch : public QObject
{
    Q_OBJECT

    std::unique_ptr<UpdaterFixture> m_fixture;

    UpdaterFixture &fx()
    {
        m_fixture = fixtureForRow();
        return *m_fixture;
    }

    // Publishes everything, refreshes and searches with the same Updater.
    static Result<Metadata::TargetFile> search(UpdaterFixture &f, const QString &path)
    {
        f.repo.publishAll();
        if (auto ok = f.refresh(); !ok)
            return fail(ok.error());
        return f.last->findTarget(path);
    }

    static void expectCode(const Result<Metadata::TargetFile> &result, ErrorCode code)
    {
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
    }

private slots:
    void initTestCase() { keyPools(); }

    // ---------------------------------------------------------------- 5.7.1 / 5.7.2
    void topLevelTarget_data() { addUpdaterMatrix(); }
    void topLevelTarget()
    {
        UpdaterFixture &f = fx();
        f.repo.addTarget(u"targets"_s, u"fw/ecu.img"_s, "firmware image");
        auto found = search(f, u"fw/ecu.img"_s);
        QVERIFY(found);
        QCOMPARE(found->length, 14);
        QCOMPARE(found->hashes.value(u"sha256"_s), Crypto::sha256("firmware image"));
        QVERIFY(f.last->report().allPassed());
    }

    void targetNotFound_data() { addUpdaterMatrix(); }
    void targetNotFound()
    {
        UpdaterFixture &f = fx();
        f.repo.addTarget(u"targets"_s, u"fw/ecu.img"_s, "x");
        expectCode(search(f, u"fw/other.img"_s), ErrorCode::TargetNotFound);
        QCOMPARE(f.last->report().firstFailure()->step, u"TUF 5.7.2"_s);
    }

    void searchNeedsRefresh_data() { addUpdaterMatrix(); }
    void searchNeedsRefresh()
    {
        UpdaterFixture &f = fx();
        f.repo.addTarget(u"targets"_s, u"fw/ecu.img"_s, "x");
        f.repo.publishAll();
        auto updater = f.updater();
        expectCode(updater->findTarget(u"fw/ecu.img"_s), ErrorCode::NotTrusted);
        // A failed refresh does not count either.
        f.fetcher.failures.insert(f.url(u"timestamp"_s), Error{ErrorCode::ConnectionFailed, u"down"_s});
        QVERIFY(!updater->refresh(kUpdaterNow));
        expectCode(updater->findTarget(u"fw/ecu.img"_s), ErrorCode::NotTrusted);
    }

    // ---------------------------------------------------------------- 5.6.7 delegations
    void delegatedTarget_data() { addUpdaterMatrix(); }
    void delegatedTarget()
    {
        UpdaterFixture &f = fx();
        f.repo.addDelegation(u"targets"_s, delegatedRole(u"role-a"_s, {u"a/*"_s}));
        f.repo.addTarget(u"role-a"_s, u"a/file"_s, "delegated");
        auto found = search(f, u"a/file"_s);
        QVERIFY(found);
        QCOMPARE(found->length, 9);
        QCOMPARE(f.fetcher.requests.last(), f.url(u"role-a"_s, 1));
        QCOMPARE(f.store.files.value(u"role-a"_s), f.served(u"role-a"_s, 1));  // persisted, exact bytes
        QVERIFY(f.last->report().allPassed());

        // The next cycle takes it from the store.
        QVERIFY(f.refresh());
        QVERIFY(f.last->findTarget(u"a/file"_s));
        QVERIFY(!f.fetcher.requests.contains(f.url(u"role-a"_s, 1)));
    }

    void searchOrder_data()
    {
        addUpdaterMatrix({{"first-wins", 0}, {"depth-first", 1}, {"non-terminating", 2}, {"terminating-stops", 3},
                          {"terminating-deep-stops-all", 4}, {"star-not-across-slash", 5}});
    }
    void searchOrder()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        const QString path = u"dir/file"_s;
        // targets -> A, B (in that order); A -> A1.
        r.addDelegation(u"targets"_s, delegatedRole(u"A"_s, {u"dir/*"_s}, mutation == 3));
        r.addDelegation(u"targets"_s, delegatedRole(u"B"_s, {mutation == 5 ? u"*"_s : u"dir/*"_s}));
        r.addDelegation(u"A"_s, delegatedRole(u"A1"_s, {u"dir/*"_s}, mutation == 4));
        r.addTarget(u"B"_s, path, "from B");
        if (mutation == 0)
            r.addTarget(u"A"_s, path, "from A first!");
        if (mutation == 1)
            r.addTarget(u"A1"_s, path, "from A1, depth first");
        auto found = search(f, path);
        switch (mutation) {
        case 0:
            QVERIFY(found);
            QCOMPARE(found->length, qsizetype(sizeof("from A first!") - 1));
            QVERIFY(!f.fetcher.requests.contains(f.url(u"B"_s, 1)));
            break;
        case 1:
            QVERIFY(found);
            QCOMPARE(found->length, qsizetype(sizeof("from A1, depth first") - 1));
            QVERIFY(!f.fetcher.requests.contains(f.url(u"B"_s, 1)));
            break;
        case 2:  // A and A1 do not list it, B does
            QVERIFY(found);
            QCOMPARE(found->length, qsizetype(sizeof("from B") - 1));
            QCOMPARE(f.fetcher.requests.mid(f.fetcher.requests.size() - 3),
                     (QStringList{f.url(u"A"_s, 1), f.url(u"A1"_s, 1), f.url(u"B"_s, 1)}));
            break;
        case 3:  // A is terminating: its subtree only
        case 4:  // A1 is terminating: nothing after it, B included
            expectCode(found, ErrorCode::TargetNotFound);
            QVERIFY(f.fetcher.requests.contains(f.url(u"A1"_s, 1)));
            QVERIFY(!f.fetcher.requests.contains(f.url(u"B"_s, 1)));
            break;
        case 5:  // B's "*" does not cover "dir/file"
            expectCode(found, ErrorCode::TargetNotFound);
            QVERIFY(!f.fetcher.requests.contains(f.url(u"B"_s, 1)));
            break;
        }
    }

    void cycles_data() { addUpdaterMatrix(); }
    void cycles()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.addDelegation(u"targets"_s, delegatedRole(u"A"_s, {u"*"_s}));
        r.addDelegation(u"A"_s, delegatedRole(u"B"_s, {u"*"_s}));
        // B delegates back to A (with A's key): a cycle.
        Metadata::DelegatedRole back = delegatedRole(u"A"_s, {u"*"_s});
        r.targets[u"B"_s].delegations = Metadata::Delegations{};
        r.targets[u"B"_s].delegations->roles.append(back);
        r.targets[u"B"_s].delegations->keys = r.targets[u"targets"_s].delegations->keys;
        r.targets[u"B"_s].delegations->roles[0].keyids = r.targets[u"targets"_s].delegations->roles[0].keyids;
        expectCode(search(f, u"missing"_s), ErrorCode::TargetNotFound);
        QCOMPARE(f.fetcher.requests.count(f.url(u"A"_s, 1)), 1);
        QCOMPARE(f.fetcher.requests.count(f.url(u"B"_s, 1)), 1);
    }

    void delegationLimit_data() { addUpdaterMatrix(); }
    void delegationLimit()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.addDelegation(u"targets"_s, delegatedRole(u"d1"_s, {u"*"_s}));
        r.addDelegation(u"d1"_s, delegatedRole(u"d2"_s, {u"*"_s}));
        r.addDelegation(u"d2"_s, delegatedRole(u"d3"_s, {u"*"_s}));
        r.addTarget(u"d3"_s, u"deep"_s, "x");
        f.limits.maxDelegations = 2;
        expectCode(search(f, u"deep"_s), ErrorCode::DelegationLimit);
        QVERIFY(!f.fetcher.requests.contains(f.url(u"d3"_s, 1)));
        f.limits.maxDelegations = 3;
        QVERIFY(search(f, u"deep"_s));
    }

    void pathsMustCoverWholeChain_data() { addUpdaterMatrix(); }
    void pathsMustCoverWholeChain()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.addDelegation(u"targets"_s, delegatedRole(u"A"_s, {u"a/*"_s}));
        r.addDelegation(u"A"_s, delegatedRole(u"A1"_s, {u"*/*"_s}));  // broader than its delegator
        r.addTarget(u"A1"_s, u"a/x"_s, "ok");
        r.addTarget(u"A1"_s, u"b/x"_s, "outside A's paths");
        r.addTarget(u"A"_s, u"b/y"_s, "outside A's own paths");
        QVERIFY(search(f, u"a/x"_s));
        expectCode(f.last->findTarget(u"b/x"_s), ErrorCode::TargetNotFound);
        expectCode(f.last->findTarget(u"b/y"_s), ErrorCode::TargetNotFound);
    }

    void hashPrefixes_data() { addUpdaterMatrix(); }
    void hashPrefixes()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        const QString path = u"bins/file.bin"_s;
        const QString digest = QString::fromLatin1(Crypto::sha256(path.toUtf8()).toHex());
        Metadata::DelegatedRole bin;
        bin.name = u"bin-match"_s;
        bin.pathHashPrefixes = QStringList{digest.left(2)};
        Metadata::DelegatedRole other;
        other.name = u"bin-other"_s;
        other.pathHashPrefixes = QStringList{digest.at(0) == u'0' ? u"1"_s : u"0"_s};
        r.addDelegation(u"targets"_s, other);
        r.addDelegation(u"targets"_s, bin);
        r.addTarget(u"bin-other"_s, path, "wrong bin");
        r.addTarget(u"bin-match"_s, path, "right bin");
        auto found = search(f, path);
        QVERIFY(found);
        QCOMPARE(found->length, 9);
        QVERIFY(!f.fetcher.requests.contains(f.url(u"bin-other"_s, 1)));
    }

    void delegationNotInSnapshot_data() { addUpdaterMatrix(); }
    void delegationNotInSnapshot()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.addDelegation(u"targets"_s, delegatedRole(u"role-a"_s, {u"*"_s}));
        r.addTarget(u"role-a"_s, u"file"_s, "x");
        r.publishAll();
        r.snapshot.meta.remove(metaFileName(u"role-a"_s, r.encoding()));
        r.files.insert(r.fileName(u"snapshot"_s, 1), r.sign(u"snapshot"_s, r.snapshot, r.signers[u"snapshot"_s]));
        QVERIFY(f.refresh());
        auto found = f.last->findTarget(u"file"_s);
        expectCode(found, ErrorCode::DelegationNotInSnapshot);
        QVERIFY(found.error().detail.contains(u"role-a"_s));
        QVERIFY(!f.fetcher.requests.contains(f.url(u"role-a"_s, 1)));
    }

    // 5.6.7: a delegated role that does not verify stops the search, even if a later role
    // would list the target.
    void delegatedRoleInvalid_data() { addUpdaterMatrix(); }
    void delegatedRoleInvalid()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.addDelegation(u"targets"_s, delegatedRole(u"A"_s, {u"*"_s}));
        r.addDelegation(u"targets"_s, delegatedRole(u"B"_s, {u"*"_s}));
        r.addTarget(u"B"_s, u"file"_s, "x");
        r.signers[u"A"_s] = r.signers[u"targets"_s];  // the wrong key
        auto found = search(f, u"file"_s);
        expectCode(found, ErrorCode::ThresholdNotMet);
        QVERIFY(found.error().detail.contains(u"stopped at delegated role A"_s));
        QVERIFY(!f.fetcher.requests.contains(f.url(u"B"_s, 1)));
        QVERIFY(!f.store.files.contains(u"A"_s));
    }

    // TC test_cached_role_is_verified_against_current_delegator.
    void cachedRoleVerifiedAgainstCurrentDelegator_data() { addUpdaterMatrix(); }
    void cachedRoleVerifiedAgainstCurrentDelegator()
    {
        UpdaterFixture &f = fx();
        RepositoryBuilder &r = f.repo;
        r.addDelegation(u"targets"_s, delegatedRole(u"role-a"_s, {u"*"_s}));
        r.addTarget(u"role-a"_s, u"file"_s, "x");
        QVERIFY(search(f, u"file"_s));
        const QByteArray stored = f.store.files.value(u"role-a"_s);
        // The delegator replaces role-a's key; role-a is re-signed, same version.
        Metadata::Delegations &delegations = *r.targets[u"targets"_s].delegations;
        delegations.keys.clear();
        delegations.roles[0].keyids.clear();
        r.signers[u"role-a"_s].clear();
        r.addDelegatedKey(u"targets"_s, u"role-a"_s);
        r.publishTargets(u"role-a"_s);
        r.updateTargets();
        QVERIFY(f.refresh());
        QVERIFY(f.last->findTarget(u"file"_s));
        QVERIFY(f.fetcher.requests.contains(f.url(u"role-a"_s, 1)));
        QVERIFY(f.store.files.value(u"role-a"_s) != stored);
    }

    void unusualRoleNames_data()
    {
        addUpdaterMatrix({{"question-mark", 0}, {"hash", 1}, {"leading-slash", 2}, {"dot-dot", 3}, {"space", 4}});
    }
    void unusualRoleNames()
    {
        QFETCH(int, mutation);
        const QString name = QStringList{u"?"_s, u"#"_s, u"/delegatedrole"_s, u"../delegatedrole"_s, u"a b"_s}.at(mutation);
        UpdaterFixture &f = fx();
        f.repo.addDelegation(u"targets"_s, delegatedRole(name, {u"*"_s}));
        f.repo.addTarget(name, u"file"_s, "x");
        QVERIFY(search(f, u"file"_s));
        // Quoted like Python's urllib.parse.quote(name, ""): nothing but unreserved characters.
        const QString expected = UpdaterFixture::kMetadataUrl + u"1."_s
                                 + QString::fromLatin1(QUrl::toPercentEncoding(name)) + u'.' + f.repo.ext();
        QCOMPARE(f.fetcher.requests.last(), expected);
        QVERIFY(!f.fetcher.requests.last().mid(UpdaterFixture::kMetadataUrl.size()).contains(u'/'));
        QCOMPARE(f.store.files.value(name), f.served(name, 1));
    }

    // ---------------------------------------------------------------- 5.7.3 download
    void downloadTarget_data()
    {
        addUpdaterMatrix({{"consistent", 0}, {"plain-names", 1}, {"unknown-hash-besides", 2}, {"sha512-only", 3}});
    }
    void downloadTarget()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        if (mutation == 1) {
            f.repo.root.consistentSnapshot = false;
            f.store.files[u"root"_s] = f.repo.publishRoot();
        }
        const QString path = u"path/to/a file.txt"_s;
        const QByteArray content = "target file contents";
        Metadata::TargetFile &listed = f.repo.addTarget(u"targets"_s, path, content);
        if (mutation == 2)
            listed.hashes.insert(u"md5"_s, QByteArray(16, 'x'));
        if (mutation == 3)
            listed.hashes.remove(u"sha256"_s);
        auto found = search(f, path);
        QVERIFY(found);
        QTemporaryDir dir;
        const QString out = dir.filePath(u"out/a file.txt"_s);
        QVERIFY(f.last->downloadTarget(*found, out));
        QCOMPARE(readFile(out), content);
        const QString hash = QString::fromLatin1(found->hashes.value(mutation == 3 ? u"sha512"_s : u"sha256"_s).toHex());
        const QString name = mutation == 1 ? u"a%20file.txt"_s : hash + u".a%20file.txt"_s;
        QCOMPARE(f.fetcher.requests.last(), UpdaterFixture::kTargetsUrl + u"path/to/"_s + name);
        QCOMPARE(QDir(dir.filePath(u"out"_s)).entryList(QDir::Files), QStringList{u"a file.txt"_s});
        QVERIFY(f.last->report().allPassed());
    }

    void downloadRejected_data()
    {
        addUpdaterMatrix({{"hash", 0}, {"longer", 1}, {"shorter", 2}, {"404", 3}, {"unknown-hash-only", 4}});
    }
    void downloadRejected()
    {
        QFETCH(int, mutation);
        UpdaterFixture &f = fx();
        const QString path = u"fw.img"_s;
        const QByteArray content = "genuine image";
        Metadata::TargetFile &listed = f.repo.addTarget(u"targets"_s, path, content);
        if (mutation == 4) {
            const QByteArray digest = listed.hashes.value(u"sha256"_s);
            listed.hashes.clear();
            listed.hashes.insert(u"blake2b"_s, digest);
        }
        auto found = search(f, path);
        QVERIFY(found);
        const QString url = f.last->targetUrl(*found);
        QList<ErrorCode> codes{ErrorCode::HashMismatch, ErrorCode::LengthMismatch, ErrorCode::LengthMismatch,
                               ErrorCode::NotFound, ErrorCode::Unsupported};
        if (mutation == 0)
            f.fetcher.overrides.insert(url, "malicious ima");  // same length
        if (mutation == 1)
            f.fetcher.overrides.insert(url, content + " plus endless data");
        if (mutation == 2)
            f.fetcher.overrides.insert(url, content.left(5));
        if (mutation == 3)
            f.fetcher.failures.insert(url, Error{ErrorCode::NotFound, u"HTTP 404"_s});

        QTemporaryDir dir;
        const QString out = dir.filePath(u"fw.img"_s);
        QFile previous(out);
        QVERIFY(previous.open(QIODevice::WriteOnly));
        previous.write("installed before");
        previous.close();
        const qsizetype requestsBefore = f.fetcher.requests.size();

        auto result = f.last->downloadTarget(*found, out);
        QVERIFY(!result);
        QCOMPARE(result.error().code, codes.at(mutation));
        QCOMPARE(f.last->report().firstFailure()->error->code, codes.at(mutation));
        // The file that was there is untouched and nothing else was left behind.
        QCOMPARE(readFile(out), QByteArray("installed before"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"fw.img"_s});
        if (mutation == 4)
            QCOMPARE(f.fetcher.requests.size(), requestsBefore);  // refused before any download
    }
};

QTEST_GUILESS_MAIN(TestTargetSearch)
#include "tst_targetsearch.moc"
