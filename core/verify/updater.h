#pragma once

// A TUF 1.0 client for one repository (TUF 1.0 §5, the "detailed client workflow"): loads
// trusted metadata from a MetadataStore, refreshes it through a Fetcher, searches delegations
// for a target and downloads it with length and hash caps. The tuf-client command, the
// Primary and Secondaries all run their repository refreshes through this class.

#include "common/fetcher.h"
#include "verify/metadatastore.h"
#include "verify/trustedrepository.h"

namespace Uptane::Verify {

struct UpdaterConfig
{
    QString metadataBaseUrl;     // ".../metadata/" (trailing slash optional)
    QString targetBaseUrl;       // ".../targets/"
    Metadata::Encoding encoding = Metadata::Encoding::Json;
    Limits limits;
};

class Updater
{
public:
    // store and fetcher must outlive the Updater. referenceTime: §5.1, one per refresh.
    Updater(UpdaterConfig config, MetadataStore &store, Fetcher &fetcher);

    // §5.2-5.6.6: root chain, timestamp, snapshot, top-level targets. Persists each accepted
    // file's exact bytes to the store. Equal-version timestamp ends the refresh successfully.
    Result<void> refresh(const QDateTime &referenceTime);

    // §5.6.7: pre-order depth-first delegation search (refreshes delegated roles on the way).
    // TargetNotFound when no trusted role lists it. Requires a prior refresh().
    Result<Metadata::TargetFile> findTarget(const QString &targetPath);

    // §5.7.3: downloads the target (consistent-snapshot name "HASH.name" when enabled),
    // at most its length, checks length and every listed hash, and writes it atomically to
    // filePath. The partially downloaded file never replaces an existing one.
    Result<void> downloadTarget(const Metadata::TargetFile &target, const QString &filePath);

    VerificationReport &report() { return m_report; }
    const TrustedRepository *trusted() const;

private:
    Result<void> loadRoot();
    Result<void> updateRoots();
    Result<void> updateTimestamp();
    Result<void> updateSnapshot();
    Result<void> updateTargets(const QString &role, const QString &delegator);
    QString metadataUrl(const QString &role, std::optional<qint64> version) const;

    UpdaterConfig m_config;
    MetadataStore &m_store;
    Fetcher &m_fetcher;
    VerificationReport m_report;
    std::optional<TrustedRepository> m_trusted;
};

} // namespace Uptane::Verify
