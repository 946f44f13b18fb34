#pragma once

// Where a failed check points in the metadata: which of a node's files and which field, so
// the Checks tab can jump to it in the Tree tab (Tiled's "issue -> offending object").
//
// File: a check's role names the file ("root", "timestamp", "snapshot", "targets", a
// delegated role; "<repository>/<role>.<ext>" in an ECU's store). An ECU checks the Director
// first and then the Image Repository, each starting with a run of trusted-root checks
// ("TUF 5.2"), so the second such run starts the Image Repository's checks; a URL in a
// description ("director/", "imagerepo/": URLs, bundle names) settles it where present. A role that is
// no role name is a target path (image checks): the Director targets that assigned it.
// HashMismatch / LengthMismatch on a metadata role point at the listing those bytes failed:
// the snapshot's entry for the file (the timestamp's for snapshot itself), TUF 5.5.2, 5.6.2.
//
// Field, by ErrorCode (JSON spelling / DER spelling where they differ):
//   Expired                                   -> expires
//   Rollback, BadVersion, VersionMismatch,
//   EqualVersion                              -> version
//   BadSignature, ThresholdNotMet, RootThresholdOld,
//   RootThresholdNew, DuplicateKey            -> signatures
//   HashMismatch                              -> hashes (of the target / file named)
//   LengthMismatch                            -> length (of the target / file named)
//   HardwareIdMismatch                        -> hardware_id / hardwareId
//   ReleaseCounterRollback                    -> release_counter / releaseCounter
//   TargetMismatch, TargetNotFound, DuplicateEcu,
//   UnknownEcu                                -> targets (the entry named, else the list)
//   UnsupportedSpecVersion                    -> spec_version / specVersion
//   WrongType                                 -> _type / signed
//   DelegationNotAllowed, DelegationLimit,
//   DelegationNotInSnapshot, DuplicateRoleName -> delegations
//   RoleRemoved, MissingRole                  -> meta / roles
//   DirectorHasDelegations                    -> delegations
//   anything else                             -> the file itself (first row)
// When the error detail names a listed entry (a target path, a snapshot file name), the
// field is searched inside that entry first.

#include "common/error.h"
#include "verify/report.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Uptane::Widgets {

// The field names (both encodings' spellings) an error code points at; empty for "the file".
QStringList fieldNamesFor(ErrorCode code);

// The repository ("director" / "imagerepo") whose checks checks[index] belongs to.
QString repositoryOfCheck(const QList<Verify::Check> &checks, qsizetype index);

// The file among `files` (an ECU's store names, "director/targets.json" ..., or a
// repository's plain names, "3.root.json", "targets.der") that checks[index] is about; empty
// when none fits.
QString fileForCheck(const QList<Verify::Check> &checks, qsizetype index, const QStringList &files);

// "director/3.root.json" -> "root"; "imagerepo/supplier-acme.der" -> "supplier-acme".
QString roleOfFile(const QString &fileName);
// "director/targets.json" -> "director"; "targets.json" -> empty.
QString repositoryOfFile(const QString &fileName);

} // namespace Uptane::Widgets
