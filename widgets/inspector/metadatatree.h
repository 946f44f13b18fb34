#pragma once

// The Tree tab's model: one metadata document (or any message) as a tree of fields.
// JSON documents show their objects and arrays (core/encoding/json.h, strict reader); DER
// documents show the decoded TLV structure with the field names of our ASN.1 module
// (core/encoding/dertree.h) and each field's byte range, so the Hex tab can highlight it.
// Bytes that are neither show one row saying so (the Hex tab still has them).

#include "metadata/types.h"

#include <QByteArray>
#include <QStandardItemModel>

namespace Uptane::Widgets {

class MetadataTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        FieldNameRole = Qt::UserRole + 1,  // QString: the field's own name ("expires", "[0]")
        OffsetRole,                        // qsizetype: first byte of the DER TLV, -1 for JSON
        LengthRole,                        // qsizetype: bytes of the TLV (header + content)
        LabelRole,                         // QString: a list element's label (target path ...)
    };
    enum class Format { Json, Der, Raw };

    explicit MetadataTreeModel(QObject *parent = nullptr);

    // Replaces the content. DER is tried when the encoding says so or the bytes do not look
    // like JSON; the format actually shown is format().
    void setDocument(const QByteArray &bytes, Metadata::Encoding encoding);
    Format format() const { return m_format; }
    const QByteArray &bytes() const { return m_bytes; }

    // The first item, breadth first, named one of names, under `within` (invalid: anywhere);
    // invalid when none. Breadth first: a role's own "version" before a listed file's.
    QModelIndex findField(const QStringList &names, const QModelIndex &within = {}) const;
    // A list element whose label (a target path, a role name ...) appears in text; the most
    // specific (longest label) wins. Invalid when none.
    QModelIndex findLabelIn(const QString &text) const;

private:
    QByteArray m_bytes;
    Format m_format = Format::Raw;
};

} // namespace Uptane::Widgets
