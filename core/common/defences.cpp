#include "common/defences.h"

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

std::atomic<quint32> Defences::s_off{0};

namespace {

struct Entry
{
    Defence defence;
    QString name;
};

const QList<Entry> &entries()
{
    static const QList<Entry> list{
        {Defence::None, u"None"_s},
        {Defence::MetadataSignatures, u"MetadataSignatures"_s},
        {Defence::MetadataHashes, u"MetadataHashes"_s},
        {Defence::MetadataRollback, u"MetadataRollback"_s},
        {Defence::MetadataConsistency, u"MetadataConsistency"_s},
        {Defence::MetadataExpiry, u"MetadataExpiry"_s},
        {Defence::ImageHashes, u"ImageHashes"_s},
        {Defence::ImageLength, u"ImageLength"_s},
        {Defence::SlowRetrieval, u"SlowRetrieval"_s},
        {Defence::DirectorImageMatch, u"DirectorImageMatch"_s},
        {Defence::ReleaseCounter, u"ReleaseCounter"_s},
        {Defence::EcuIdentity, u"EcuIdentity"_s},
        {Defence::DelegationPaths, u"DelegationPaths"_s},
        {Defence::TimeAttestation, u"TimeAttestation"_s},
        {Defence::ManifestSignatures, u"ManifestSignatures"_s},
        {Defence::AttackReporting, u"AttackReporting"_s},
    };
    return list;
}

} // namespace

QString defenceName(Defence defence)
{
    for (const Entry &entry : entries()) {
        if (entry.defence == defence)
            return entry.name;
    }
    return u"Defence(%1)"_s.arg(int(defence));
}

std::optional<Defence> defenceFromName(const QString &name)
{
    for (const Entry &entry : entries()) {
        if (entry.name == name)
            return entry.defence;
    }
    return std::nullopt;
}

QList<Defence> allDefences()
{
    QList<Defence> list;
    for (const Entry &entry : entries()) {
        if (entry.defence != Defence::None)
            list.append(entry.defence);
    }
    return list;
}

DefenceOff::DefenceOff(Defence defence)
    : m_defence(defence)
{
    const quint32 bit = Defences::bit(defence);
    const quint32 before = Defences::s_off.fetch_or(defence == Defence::None ? 0 : bit);
    m_wasOff = (before & bit) != 0;
}

DefenceOff::~DefenceOff()
{
    if (!m_wasOff && m_defence != Defence::None)
        Defences::s_off.fetch_and(~Defences::bit(m_defence));
}

} // namespace Uptane::Verify
