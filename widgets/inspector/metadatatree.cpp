#include "widgets/inspector/metadatatree.h"

#include "encoding/dertree.h"
#include "encoding/json.h"

#include <QQueue>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

QList<QStandardItem *> makeRow(const QString &field, const QString &value, const QString &type)
{
    auto *fieldItem = new QStandardItem(field);
    auto *valueItem = new QStandardItem(value);
    auto *typeItem = new QStandardItem(type);
    for (QStandardItem *item : {fieldItem, valueItem, typeItem}) {
        item->setEditable(false);
        item->setToolTip(item->text());
    }
    return {fieldItem, valueItem, typeItem};
}

QString jsonTypeName(const Json::Value &value)
{
    return Json::Value::typeName(value.type());
}

QString jsonScalar(const Json::Value &value)
{
    switch (value.type()) {
    case Json::Value::Type::Null: return u"null"_s;
    case Json::Value::Type::Bool: return value.toBool() ? u"true"_s : u"false"_s;
    case Json::Value::Type::Integer: return QString::number(value.toInteger());
    case Json::Value::Type::Double: return QString::number(value.toDouble());
    case Json::Value::Type::String: return u'"' + value.toString() + u'"';
    case Json::Value::Type::Array:
        return MetadataTreeModel::tr("%n element(s)", nullptr, int(value.toArray().size()));
    case Json::Value::Type::Object:
        return MetadataTreeModel::tr("%n member(s)", nullptr, int(value.toObject().size()));
    }
    return {};
}

void addJson(QStandardItem *parent, const QString &name, const Json::Value &value)
{
    QList<QStandardItem *> row = makeRow(name, jsonScalar(value), jsonTypeName(value));
    row[0]->setData(name, MetadataTreeModel::FieldNameRole);
    row[0]->setData(qsizetype(-1), MetadataTreeModel::OffsetRole);
    row[0]->setData(qsizetype(0), MetadataTreeModel::LengthRole);
    // A map's keys (target paths, file names, key ids) are the labels of its entries.
    row[0]->setData(name, MetadataTreeModel::LabelRole);
    if (value.isObject()) {
        const Json::Object object = value.toObject();
        for (auto it = object.cbegin(); it != object.cend(); ++it)
            addJson(row[0], it.key(), it.value());
    } else if (value.isArray()) {
        const Json::Array array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            addJson(row[0], u"[%1]"_s.arg(i), array[i]);
        // An array element's label: its keyid (signatures), for the tree to read well.
        for (int i = 0; i < row[0]->rowCount(); ++i) {
            const Json::Value keyid = array[i][u"keyid"_s];
            if (keyid.isString()) {
                row[0]->child(i)->setData(keyid.toString(), MetadataTreeModel::LabelRole);
                row[0]->child(i)->setText(u"[%1] %2"_s.arg(i).arg(keyid.toString().left(12)));
            }
        }
    }
    parent->appendRow(row);
}

void addDer(QStandardItem *parent, const Der::DerNode &node)
{
    QString field = node.name.isEmpty() ? Der::derTagName(node) : node.name;
    // Key ids are 64 hex digits: their start is enough in the tree (the tooltip has it all).
    if (!node.label.isEmpty() && node.name.startsWith(u'['))
        field += u' ' + (node.label.size() > 24 ? node.label.left(12) + u'\u2026' : node.label);
    QString value = Der::derValueText(node);
    if (!node.label.isEmpty() && !node.constructed)
        value += u" (" + node.label + u')';
    if (node.constructed)
        value = MetadataTreeModel::tr("%n element(s)", nullptr, int(node.children.size()));
    QString type = Der::derTagName(node);
    if (!node.typeName.isEmpty())
        type = node.typeName + u" \u00b7 " + type;
    QList<QStandardItem *> row = makeRow(field, value, type);
    row[0]->setData(node.name, MetadataTreeModel::FieldNameRole);
    row[0]->setData(node.offset, MetadataTreeModel::OffsetRole);
    row[0]->setData(node.totalLength(), MetadataTreeModel::LengthRole);
    row[0]->setData(node.label, MetadataTreeModel::LabelRole);
    row[1]->setToolTip(MetadataTreeModel::tr("Bytes %1 to %2").arg(node.offset).arg(node.end() - 1));
    for (const Der::DerNode &child : node.children)
        addDer(row[0], child);
    parent->appendRow(row);
}

bool looksLikeJson(const QByteArray &bytes)
{
    for (char c : bytes) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

MetadataTreeModel::MetadataTreeModel(QObject *parent)
    : QStandardItemModel(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Field"), tr("Value"), tr("Type")});
}

void MetadataTreeModel::setDocument(const QByteArray &bytes, Metadata::Encoding encoding)
{
    removeRows(0, rowCount());
    m_bytes = bytes;
    m_format = Format::Raw;
    QStandardItem *root = invisibleRootItem();
    if (bytes.isEmpty()) {
        root->appendRow(makeRow(tr("(no bytes)"), QString(), QString()));
        return;
    }
    const bool tryJson = encoding == Metadata::Encoding::Json || looksLikeJson(bytes);
    if (tryJson && looksLikeJson(bytes)) {
        if (auto value = Json::parse(bytes)) {
            m_format = Format::Json;
            if (value->isObject()) {
                const Json::Object object = value->toObject();
                for (auto it = object.cbegin(); it != object.cend(); ++it)
                    addJson(root, it.key(), it.value());
            } else {
                addJson(root, tr("(document)"), *value);
            }
            return;
        }
    }
    if (auto tree = Der::decodeDerTree(bytes)) {
        m_format = Format::Der;
        Der::nameDerTree(*tree);
        // The top-level SEQUENCE is the file itself: show its fields as the tree's top.
        if (tree->children.isEmpty())
            addDer(root, *tree);
        for (const Der::DerNode &child : std::as_const(tree->children))
            addDer(root, child);
        return;
    }
    root->appendRow(makeRow(tr("(not JSON or DER)"), tr("%n byte(s)", nullptr, int(bytes.size())),
                            QString()));
}

QModelIndex MetadataTreeModel::findField(const QStringList &names, const QModelIndex &within) const
{
    QQueue<QModelIndex> queue;
    if (within.isValid()) {
        queue.enqueue(within.siblingAtColumn(FieldColumn));
    } else {
        for (int row = 0; row < rowCount(); ++row)
            queue.enqueue(index(row, FieldColumn));
    }
    while (!queue.isEmpty()) {
        const QModelIndex current = queue.dequeue();
        if (names.contains(current.data(FieldNameRole).toString()))
            return current;
        for (int row = 0; row < rowCount(current); ++row)
            queue.enqueue(index(row, FieldColumn, current));
    }
    return {};
}

QModelIndex MetadataTreeModel::findLabelIn(const QString &text) const
{
    // Entries of the lists that name things: targets (by path), snapshot meta (by file name).
    static const QStringList containers{u"targets"_s, u"meta"_s};
    QModelIndex best;
    qsizetype bestLength = 0;
    QList<QModelIndex> stack;
    for (int row = 0; row < rowCount(); ++row)
        stack.append(index(row, FieldColumn));
    while (!stack.isEmpty()) {
        const QModelIndex current = stack.takeLast();
        const QString label = current.data(LabelRole).toString();
        const bool entry = containers.contains(current.parent().data(FieldNameRole).toString());
        if (entry && label.size() > bestLength && text.contains(label)) {
            best = current;
            bestLength = label.size();
        }
        for (int row = 0; row < rowCount(current); ++row)
            stack.append(index(row, FieldColumn, current));
    }
    return best;
}

} // namespace Uptane::Widgets
