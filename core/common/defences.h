#pragma once

// Test-only defence switches. Each names one family of checks that a scenario of the attack
// catalogue demonstrates (core/attacks/catalogue.h). A test turns one off (DefenceOff) and
// shows that its scenario then no longer ends as expected — proof that the scenario really
// exercises the check it names. They live in core/common so every engine with a check can ask
// (verify, vehicle, net for the low-speed limit, services for manifests). The product never
// turns one off: no command-line option, setting or environment variable reaches them; only
// code linked into a test can.
//
// Every check site asks Defences::isOn(Defence::X) (one relaxed atomic load) and, when the
// defence is off, behaves as if the check had passed (it still reports the check in the
// verification report, marked "skipped (defence off)").
//
// Process-wide: a switch affects every engine of the process (services, Primary,
// Secondaries), which is what "remove the defence" means for a demonstration.

#include <QList>
#include <QString>

#include <atomic>
#include <optional>

namespace Uptane::Verify {

enum class Defence {
    None,                // the scenario demonstrates no check (deliver-update, eavesdrop)
    MetadataSignatures,  // a threshold of valid signatures by the role's trusted keys (TUF §5.3.4, §5.4.2,
                         // §5.5.3, §5.6.3; partial verification's one signature check; revoked keys)
    MetadataHashes,      // a metadata file's bytes against the hashes/length its listing gives
                         // (timestamp -> snapshot, snapshot -> targets; TUF §5.5.2, §5.6.2)
    MetadataRollback,    // versions never go back (TUF §5.4.3, §5.5.5, §5.6.5 and partial verification)
    MetadataConsistency, // a file's version is the one its listing names (snapshot/timestamp, TUF §5.5.4,
                         // §5.6.4): what stops mix-and-match
    MetadataExpiry,      // expired metadata refused at the attested time (freeze; TUF §5.4.4 ...)
    ImageHashes,         // image bytes against the listed hashes (TUF §5.7.3; Primary and Secondaries)
    ImageLength,         // the listed length is a hard cap on the download (endless data)
    SlowRetrieval,       // the download's low-speed limit (slow retrieval)
    DirectorImageMatch,  // each Director target matches the Image Repository's (Uptane full verification)
    ReleaseCounter,      // release counters never go back (Uptane rollback of images)
    EcuIdentity,         // a target is installed only by the ECU it names, with its hardware id
    DelegationPaths,     // a delegated role may sign only for its paths and hardware ids (TUF §5.6.7.x)
    TimeAttestation,     // the time attestation: Time Server signature, this ECU's nonce, time not going back
    ManifestSignatures,  // the Director verifies every ECU's and the Primary's manifest signature
    AttackReporting,     // ECUs and the Primary report in their manifests what failed (the Director's view)
};

// Stable names ("MetadataHashes" ...), for reports and test output.
QString defenceName(Defence defence);
std::optional<Defence> defenceFromName(const QString &name);
// Every defence except None, in declaration order.
QList<Defence> allDefences();

class Defences
{
public:
    static bool isOn(Defence defence)
    {
        return defence == Defence::None
               || (s_off.load(std::memory_order_relaxed) & bit(defence)) == 0;
    }

private:
    friend class DefenceOff;
    static quint32 bit(Defence defence) { return 1u << unsigned(defence); }
    static std::atomic<quint32> s_off;
};

// Test-only: turns one defence off for the lifetime of the object (nestable; the previous
// state is restored on destruction). Never used by the product.
class DefenceOff
{
public:
    explicit DefenceOff(Defence defence);
    ~DefenceOff();
    DefenceOff(const DefenceOff &) = delete;
    DefenceOff &operator=(const DefenceOff &) = delete;

private:
    Defence m_defence;
    bool m_wasOff;
};

} // namespace Uptane::Verify
