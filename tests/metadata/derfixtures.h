#pragma once

// The DER fixtures of tests/data/der/, built from code so they can be regenerated and so a
// test can tell when a committed file no longer matches what the codec writes. Only Ed25519
// keys from fixed seeds sign them (Ed25519 signatures are deterministic), so the bytes are
// stable. Breakage below the codec (tags, lengths, non-canonical values) is made with a
// small TLV editor that re-encodes lengths after a change.

#include "encoding/der.h"
#include "metadata/codec.h"
#include "metadatasamples.h"

#include <functional>

namespace Uptane::Test {

// A parsed TLV tree (low tag numbers only, which is all uptane.asn uses).
struct Tlv
{
    quint8 identifier = 0;
    QByteArray content;    // primitive
    QList<Tlv> children;   // constructed

    bool constructed() const { return identifier & 0x20; }

    static Tlv parse(QByteArrayView der, qsizetype &pos)
    {
        const auto header = Der::readHeader(der, pos);
        if (!header)
            qFatal("fixture: %s", qPrintable(header.error().toString()));
        Tlv tlv;
        tlv.identifier = quint8(der[pos]);
        const qsizetype start = pos + header->headerLength;
        const qsizetype end = start + header->length;
        if (tlv.constructed()) {
            for (qsizetype at = start; at < end;)
                tlv.children.append(parse(der.first(end), at));
        } else {
            tlv.content = der.sliced(start, header->length).toByteArray();
        }
        pos = end;
        return tlv;
    }
    static Tlv parse(QByteArrayView der)
    {
        qsizetype pos = 0;
        return parse(der, pos);
    }

    static QByteArray length(qsizetype n)
    {
        if (n < 0x80)
            return QByteArray(1, char(n));
        QByteArray octets;
        for (; n > 0; n >>= 8)
            octets.prepend(char(n & 0xff));
        return char(0x80 | octets.size()) + octets;
    }

    QByteArray body() const
    {
        if (!constructed())
            return content;
        QByteArray bytes;
        for (const Tlv &child : children)
            bytes += child.encode();
        return bytes;
    }
    QByteArray encode() const
    {
        const QByteArray inner = body();
        return char(identifier) + length(inner.size()) + inner;
    }

    // The first node (pre-order) whose identifier is id and whose parent's is parentId.
    Tlv *find(quint8 id, quint8 parentId)
    {
        for (Tlv &child : children) {
            if (identifier == parentId && child.identifier == id)
                return &child;
            if (Tlv *found = child.find(id, parentId))
                return found;
        }
        return nullptr;
    }

    // Child by index path, e.g. at({0, 1}) = signed -> version.
    Tlv &at(std::initializer_list<int> path)
    {
        Tlv *node = this;
        for (int i : path)
            node = &node->children[i];
        return *node;
    }
};

inline QByteArray edit(const QByteArray &der, const std::function<void(Tlv &)> &change)
{
    Tlv tree = Tlv::parse(der);
    change(tree);
    return tree.encode();
}

// Minimal two's complement content of an INTEGER.
inline QByteArray integerContent(qint64 value)
{
    QByteArray bytes;
    do {
        bytes.prepend(char(value & 0xff));
        value >>= 8;
    } while (!((value == 0 && !(bytes[0] & 0x80)) || (value == -1 && (bytes[0] & 0x80))));
    return bytes;
}

struct DerFixture
{
    QString file;          // in tests/data/der/
    QString parseAs;       // "root", "targets", ... (Signed alternative names)
    std::optional<ErrorCode> code;  // nullopt: must parse
    QByteArray bytes;
};

class DerFixtures
{
public:
    DerFixtures()
    {
        // RFC 8032 §7.1 tests 1 and 2: secret keys used as Ed25519 seeds.
        m_keys = {*Crypto::PrivateKey::ed25519FromSeed(QByteArray::fromHex(
                      "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")),
                  *Crypto::PrivateKey::ed25519FromSeed(QByteArray::fromHex(
                      "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))};
    }

    QList<Crypto::PublicKey> publicKeys() const
    {
        return {m_keys[0].publicKey(), m_keys[1].publicKey()};
    }

    template <typename T>
    QByteArray file(const T &body, QList<Crypto::PrivateKey> keys = {}) const
    {
        if (keys.isEmpty())
            keys = m_keys.mid(0, 1);
        auto bytes = Metadata::signAndSerialize(body, Metadata::Encoding::Der, keys);
        if (!bytes)
            qFatal("fixture: %s", qPrintable(bytes.error().toString()));
        return *bytes;
    }

    Metadata::Root root() const { return sampleRoot(publicKeys(), Extras::None); }
    Metadata::Targets targets() const { return sampleTargets(publicKeys(), Extras::None); }
    Metadata::Timestamp timestamp() const { return sampleTimestamp(Extras::None); }

    Metadata::VehicleManifest vehicleManifest() const
    {
        auto ecu = Metadata::sign(sampleEcuManifest(Extras::None), Metadata::Encoding::Der,
                                  m_keys.mid(1, 1));
        return sampleVehicleManifest({*ecu}, Extras::None);
    }

    QList<DerFixture> all() const
    {
        using Metadata::DelegatedRole;
        QList<DerFixture> list;
        const auto add = [&list](const char *file, const char *parseAs,
                                 std::optional<ErrorCode> code, const QByteArray &bytes) {
            list.append({QString::fromLatin1(file), QString::fromLatin1(parseAs), code, bytes});
        };
        const QByteArray timestampFile = file(timestamp());
        const QByteArray rootFile = file(root());

        // Valid files: the format as committed keeps parsing.
        add("valid-root.der", "root", std::nullopt, rootFile);
        add("valid-targets.der", "targets", std::nullopt, file(targets()));
        add("valid-snapshot.der", "snapshot", std::nullopt, file(sampleSnapshot(Extras::None)));
        add("valid-timestamp.der", "timestamp", std::nullopt, timestampFile);
        add("valid-vehicle-manifest.der", "vehicleManifest", std::nullopt, file(vehicleManifest()));
        add("valid-time-attestation.der", "timeAttestation", std::nullopt,
            file(sampleTimeAttestation(Extras::None)));

        // Not DER, or not our schema: MalformedDer.
        add("trailing-bytes.der", "timestamp", ErrorCode::MalformedDer, timestampFile + '\0');
        add("wrong-tag.der", "timestamp", ErrorCode::MalformedDer,
            char(0x31) + timestampFile.mid(1));
        add("truncated.der", "timestamp", ErrorCode::MalformedDer, timestampFile.chopped(1));
        add("bad-length.der", "timestamp", ErrorCode::MalformedDer, [&]() -> QByteArray {
            const Tlv tree = Tlv::parse(timestampFile);
            return char(tree.identifier) + Tlv::length(tree.body().size() + 1) + tree.body();
        }());
        add("non-minimal-length.der", "timestamp", ErrorCode::MalformedDer, [&]() -> QByteArray {
            const Tlv tree = Tlv::parse(timestampFile);  // one more length octet than needed
            const qsizetype n = tree.body().size();
            QByteArray bytes(1, char(tree.identifier));
            bytes += QByteArray::fromHex("8300") + char(n >> 8) + char(n & 0xff);
            return bytes + tree.body();
        }());
        add("indefinite-length.der", "timestamp", ErrorCode::MalformedDer, [&]() -> QByteArray {
            const Tlv tree = Tlv::parse(timestampFile);
            QByteArray bytes(1, char(tree.identifier));
            bytes += char(0x80);  // then end-of-contents: 00 00
            return bytes + tree.body() + QByteArray(2, '\0');
        }());
        add("unknown-signed-choice.der", "timestamp", ErrorCode::MalformedDer,
            edit(timestampFile, [](Tlv &t) { t.at({0}).identifier = 0xa9; }));
        add("boolean-not-ff.der", "root", ErrorCode::MalformedDer,
            edit(rootFile, [](Tlv &t) { t.at({0, 3}).content = QByteArray(1, '\x01'); }));
        add("non-minimal-integer.der", "timestamp", ErrorCode::MalformedDer,
            edit(timestampFile, [](Tlv &t) { t.at({0, 1}).content.prepend('\0'); }));
        add("invalid-utf8.der", "timestamp", ErrorCode::MalformedDer,
            edit(timestampFile, [](Tlv &t) { t.at({0, 0}).content += '\xff'; }));

        // Decodes, but breaks a rule of TUF, Uptane or uptane.asn.
        add("wrong-role.der", "root", ErrorCode::WrongType, timestampFile);
        add("bad-spec-version.der", "timestamp", ErrorCode::UnsupportedSpecVersion, [&] {
            auto body = timestamp();
            body.specVersion = QStringLiteral("2.0.0");
            return file(body);
        }());
        add("version-zero.der", "timestamp", ErrorCode::SchemaViolation, [&] {
            auto body = timestamp();
            body.version = 0;
            return file(body);
        }());
        add("integer-too-large.der", "timestamp", ErrorCode::SchemaViolation,
            edit(timestampFile, [](Tlv &t) {
                t.at({0, 1}).content = QByteArray::fromHex("010000000000000000");
            }));
        add("expires-out-of-range.der", "timestamp", ErrorCode::SchemaViolation,
            edit(timestampFile, [](Tlv &t) {
                t.at({0, 2}).content = integerContent(253402300800);  // year 10000
            }));
        add("threshold-zero.der", "root", ErrorCode::SchemaViolation, [&] {
            auto body = root();
            body.roles[QStringLiteral("snapshot")].threshold = 0;
            return file(body);
        }());
        add("missing-role.der", "root", ErrorCode::MissingRole, [&] {
            auto body = root();
            body.roles.remove(QStringLiteral("timestamp"));
            return file(body);
        }());
        add("unknown-role.der", "root", ErrorCode::SchemaViolation, [&] {
            auto body = root();
            body.roles.insert(QStringLiteral("mirrors"), body.roles.first());
            return file(body);
        }());
        add("duplicate-keyid-in-role.der", "root", ErrorCode::DuplicateKey, [&] {
            auto body = root();
            auto &keyids = body.roles[QStringLiteral("root")].keyids;
            keyids.append(keyids.first());
            return file(body);
        }());
        add("duplicate-signature.der", "timestamp", ErrorCode::DuplicateKey,
            file(timestamp(), {m_keys[0], m_keys[0]}));
        add("keys-out-of-order.der", "root", ErrorCode::SchemaViolation,
            edit(rootFile, [](Tlv &t) { t.at({0, 4}).children.swapItemsAt(0, 1); }));
        add("unknown-key-type.der", "root", ErrorCode::SchemaViolation,
            edit(rootFile, [](Tlv &t) { t.at({0, 4, 0, 1}).content = QByteArray(1, '\x07'); }));
        add("bad-key-material.der", "root", ErrorCode::InvalidKey,
            edit(rootFile, [](Tlv &t) { t.at({0, 4, 0, 2}).content.chop(1); }));
        add("oversized-keyid.der", "timestamp", ErrorCode::SchemaViolation,
            edit(timestampFile, [](Tlv &t) {
                t.at({1, 0, 0}).content = QByteArray(257, 'a');  // Identifier: 256 at most
            }));
        add("targets-out-of-order.der", "targets", ErrorCode::SchemaViolation,
            edit(file(targets()), [](Tlv &t) { t.at({0, 3}).children.swapItemsAt(0, 1); }));
        add("empty-target-hashes.der", "targets", ErrorCode::SchemaViolation, [&] {
            auto body = targets();
            body.targets.first().hashes.clear();
            return file(body);
        }());
        // Custom [0] of a target holding ecuSerials [3] (the sample's multi-ECU image).
        add("ecu-serials-one.der", "targets", ErrorCode::SchemaViolation,
            edit(file(targets()), [](Tlv &t) { t.find(0xa3, 0xa0)->children.resize(1); }));
        add("ecu-serial-and-serials.der", "targets", ErrorCode::SchemaViolation,
            edit(file(targets()), [](Tlv &t) {
                Tlv *serials = t.find(0xa3, 0xa0);
                Tlv *custom = nullptr;
                const std::function<void(Tlv &)> parentOf = [&](Tlv &node) {
                    for (Tlv &child : node.children) {
                        if (&child == serials)
                            custom = &node;
                        else
                            parentOf(child);
                    }
                };
                parentOf(t);
                Tlv serial;
                serial.identifier = 0x80;  // ecuSerial [0]
                serial.content = "door-fl";
                custom->children.prepend(serial);
            }));
        add("empty-digest.der", "targets", ErrorCode::SchemaViolation, [&] {
            auto body = targets();
            body.targets.first().hashes.first().clear();
            return file(body);
        }());
        add("negative-length.der", "targets", ErrorCode::SchemaViolation, [&] {
            auto body = targets();
            body.targets.first().length = -1;
            return file(body);
        }());
        const auto delegation = [&](const std::function<void(QList<DelegatedRole> &)> &change) {
            auto body = targets();
            change(body.delegations->roles);
            return file(body);
        };
        add("both-paths-and-prefixes.der", "targets", ErrorCode::SchemaViolation,
            delegation([](QList<DelegatedRole> &roles) {
                roles[0].pathHashPrefixes = QStringList{QStringLiteral("ab")};
            }));
        add("no-paths-or-prefixes.der", "targets", ErrorCode::SchemaViolation,
            delegation([](QList<DelegatedRole> &roles) { roles[0].paths.reset(); }));
        add("delegation-top-level-name.der", "targets", ErrorCode::SchemaViolation,
            delegation([](QList<DelegatedRole> &roles) { roles[0].name = QStringLiteral("snapshot"); }));
        add("duplicate-delegation-name.der", "targets", ErrorCode::DuplicateRoleName,
            delegation([](QList<DelegatedRole> &roles) { roles[1].name = roles[0].name; }));
        add("too-many-nonces.der", "timeAttestation", ErrorCode::SchemaViolation, [&] {
            auto body = sampleTimeAttestation(Extras::None);
            body.nonces = QList<qint64>(1025, 7);
            return file(body);
        }());
        return list;
    }

private:
    QList<Crypto::PrivateKey> m_keys;
};

} // namespace Uptane::Test
