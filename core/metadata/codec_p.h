#pragma once

// Private to core/metadata: the per-encoding halves of codec.h. jsoncodec.cpp implements the
// Json functions, dercodec.cpp the Der ones, each with explicit instantiations for every
// supported T (Root, Targets, Snapshot, Timestamp, EcuManifest, VehicleManifest,
// TimeAttestation). codec.cpp dispatches on the encoding and does the signing.

#include "metadata/signed.h"

namespace Uptane::Metadata::detail {

template <typename T> Result<Signed<T>> parseJson(QByteArrayView bytes);
template <typename T> Result<QByteArray> signedBytesJson(const T &body);
template <typename T> Result<QByteArray> serializeJson(const Signed<T> &metadata);
Result<QString> peekTypeJson(QByteArrayView bytes);

template <typename T> Result<Signed<T>> parseDer(QByteArrayView bytes);
template <typename T> Result<QByteArray> signedBytesDer(const T &body);
template <typename T> Result<QByteArray> serializeDer(const Signed<T> &metadata);
Result<QString> peekTypeDer(QByteArrayView bytes);

} // namespace Uptane::Metadata::detail
