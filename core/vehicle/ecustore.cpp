#include "vehicle/ecustore.h"

#include "vehicle/ecustore_p.h"
#include "vehicle/safenames_p.h"
#include "vehicle/storefiles_p.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>

using namespace Qt::StringLiterals;

namespace Uptane::Vehicle {

namespace {

const QString kConfigFile = u"ecu.json"_s;
const QString kPrivateKeyFile = u"ecu.pem"_s;
const QString kPublicKeyFile = u"ecu.pub"_s;
const QString kCurrentFile = u"current"_s;
const QString kStateFile = u"state.json"_s;
const QString kMetadataDir = u"metadata"_s;
const QString kImageFile = u"image.bin"_s;
const QString kBackupFile = u"backup.bin"_s;
constexpr qint64 kMaxJsonFileBytes = 4 * 1024 * 1024;
constexpr qint64 kMaxMetadataFileBytes = 64 * 1024 * 1024;
constexpr qsizetype kMaxNameSegments = 8;

std::function<void(const char *)> &commitHook()
{
    static std::function<void(const char *)> hook;
    return hook;
}

void runCommitHook(const char *step)
{
    if (const auto &hook = commitHook())
        hook(step);
}

QString generationDir(const QString &dir, qint64 generation)
{
    return dir + u"/gen-"_s + QString::number(generation);
}

// What the new generation's image files are: fresh bytes, or a link to an existing file.
struct ImageSources
{
    const QByteArray *imageBytes = nullptr;
    QString imageFrom;   // existing image.bin to link as image.bin
    QString backupFrom;  // existing file to link as backup.bin
};

// Names become paths under metadata/: each 1..8 safe segments, and no name's directory may
// be another name's file ("a/b.json/c" beside "a/b" would need a/b.json as both).
Result<void> checkMetadataNames(const QMap<QString, QByteArray> &metadata, const QString &extension)
{
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        if (!detail::isSafePath(it.key(), 1, kMaxNameSegments))
            return fail(ErrorCode::InvalidArgument,
                        u"metadata name \"%1\" is not 1 to %2 safe segments joined by '/'"_s.arg(it.key()).arg(kMaxNameSegments));
        const QString suffix = u'.' + extension;
        for (qsizetype slash = it.key().indexOf(u'/'); slash >= 0; slash = it.key().indexOf(u'/', slash + 1)) {
            const QString directory = it.key().left(slash);
            if (directory.endsWith(suffix) && metadata.contains(directory.chopped(suffix.size())))
                return fail(ErrorCode::InvalidArgument, u"metadata names \"%1\" and \"%2\" collide on disk"_s
                                                            .arg(directory.chopped(suffix.size()), it.key()));
        }
    }
    return {};
}

// The directories the metadata files need, parents before children.
QStringList metadataDirectories(const QString &metadataDir, const QMap<QString, QByteArray> &metadata)
{
    QSet<QString> directories;
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        for (qsizetype slash = it.key().indexOf(u'/'); slash >= 0; slash = it.key().indexOf(u'/', slash + 1))
            directories.insert(metadataDir + u'/' + it.key().left(slash));
    }
    QStringList sorted(directories.cbegin(), directories.cend());
    std::ranges::sort(sorted, {}, [](const QString &path) { return path.count(u'/'); });
    return sorted;
}

// Writes gen-<generation> completely: every file written and fsynced, every directory
// fsynced bottom-up, and finally the store directory, so the generation exists on disk
// before `current` may name it. On failure the partial generation is removed.
Result<void> writeGeneration(const QString &dir, qint64 generation, const EcuState &state,
                             const QMap<QString, QByteArray> &metadata, const QString &extension,
                             const ImageSources &images)
{
    const QString genDir = generationDir(dir, generation);
    // A leftover of an earlier failed commit in this process (open() removes those of a
    // crash) must not mix with what we write now.
    if (!detail::removeTree(genDir))
        return fail(ErrorCode::IoError, u"cannot remove stale %1"_s.arg(genDir));
    const QString metadataDir = genDir + u'/' + kMetadataDir;
    const QStringList subdirectories = metadataDirectories(metadataDir, metadata);
    auto write = [&]() -> Result<void> {
        for (const QString &directory : QStringList{genDir, metadataDir} + subdirectories) {
            if (auto made = detail::makeDirectory(directory); !made)
                return made;
        }
        for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
            if (auto written = detail::writeNewFile(metadataDir + u'/' + it.key() + u'.' + extension, it.value()); !written)
                return written;
        }
        if (auto written = detail::writeNewFile(genDir + u'/' + kStateFile, state.toJson()); !written)
            return written;
        Result<void> image;
        if (images.imageBytes)
            image = detail::writeNewFile(genDir + u'/' + kImageFile, *images.imageBytes);
        else if (!images.imageFrom.isEmpty())
            image = detail::linkOrCopy(images.imageFrom, genDir + u'/' + kImageFile);
        if (!image)
            return image;
        if (!images.backupFrom.isEmpty()) {
            if (auto linked = detail::linkOrCopy(images.backupFrom, genDir + u'/' + kBackupFile); !linked)
                return linked;
        }
        for (auto it = subdirectories.crbegin(); it != subdirectories.crend(); ++it) {
            if (auto synced = detail::syncDirectory(*it); !synced)
                return synced;
        }
        for (const QString &directory : {metadataDir, genDir, dir}) {
            if (auto synced = detail::syncDirectory(directory); !synced)
                return synced;
        }
        return {};
    };
    auto written = write();
    if (!written)
        detail::removeTree(genDir);
    return written;
}

// `current` names generation: "<n>\n" written beside it, fsynced, renamed over it, the
// directory fsynced. The rename is the commit point of the whole generation.
Result<void> switchCurrent(const QString &dir, qint64 generation)
{
    const QString temporary = dir + u'/' + kCurrentFile + u".tmp"_s;
    QFile::remove(temporary);
    if (auto written = detail::writeNewFile(temporary, QByteArray(QByteArray::number(generation) + '\n')); !written)
        return written;
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(dir + u'/' + kCurrentFile).constData()) != 0) {
        const int error = errno;
        QFile::remove(temporary);
        return fail(ErrorCode::IoError, u"cannot replace %1/%2: %3"_s.arg(dir, kCurrentFile, qt_error_string(error)));
    }
    return {};
}

Result<qint64> readCurrent(const QString &dir)
{
    auto bytes = detail::readFile(dir + u'/' + kCurrentFile, 64);
    if (!bytes)
        return fail(bytes.error());
    static const QRegularExpression pattern(u"^[1-9][0-9]{0,17}\n$"_s);
    if (!pattern.match(QString::fromLatin1(*bytes)).hasMatch())
        return fail(ErrorCode::SchemaViolation, u"%1/%2: expected a generation number and a newline"_s.arg(dir, kCurrentFile));
    return bytes->trimmed().toLongLong();
}

// Every gen-* (and a current.tmp) but the generation in force: interrupted commits or
// removals.
Result<void> removeStaleGenerations(const QString &dir, qint64 keep)
{
    QFile::remove(dir + u'/' + kCurrentFile + u".tmp"_s);
    const QString kept = u"gen-"_s + QString::number(keep);
    const QStringList entries = QDir(dir).entryList({u"gen-*"_s}, QDir::AllEntries | QDir::Hidden | QDir::System);
    bool removed = false;
    for (const QString &entry : entries) {
        if (entry == kept)
            continue;
        const QString path = dir + u'/' + entry;
        if (!(QFileInfo(path).isDir() && !QFileInfo(path).isSymLink() ? detail::removeTree(path) : QFile::remove(path)))
            return fail(ErrorCode::IoError, u"cannot remove stale %1"_s.arg(path));
        removed = true;
    }
    return removed ? detail::syncDirectory(dir) : Result<void>{};
}

// name -> bytes of every file under metadataDir; only what writeGeneration() writes.
Result<QMap<QString, QByteArray>> loadMetadata(const QString &metadataDir, const QString &extension)
{
    QMap<QString, QByteArray> metadata;
    const QString suffix = u'.' + extension;
    QDirIterator it(metadataDir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir() && !info.isSymLink())
            continue;
        const QString relative = path.mid(metadataDir.size() + 1);
        const QString name = relative.chopped(relative.endsWith(suffix) ? suffix.size() : 0);
        if (!info.isFile() || info.isSymLink() || !relative.endsWith(suffix) || !detail::isSafePath(name, 1, kMaxNameSegments))
            return fail(ErrorCode::IoError, u"%1: not a metadata file this store writes"_s.arg(path));
        auto bytes = detail::readFile(path, kMaxMetadataFileBytes);
        if (!bytes)
            return fail(bytes.error());
        metadata.insert(name, *bytes);
    }
    return metadata;
}

// The image file must be there exactly when the state describes one, with its length.
Result<void> checkImageFile(const QString &path, const std::optional<Metadata::TargetFile> &described)
{
    auto size = detail::regularFileSize(path);
    if (!size && size.error().code != ErrorCode::NotFound)
        return fail(size.error());
    if (!described && size)
        return fail(ErrorCode::IoError, u"%1 exists but the state describes no such image"_s.arg(path));
    if (described && !size)
        return fail(ErrorCode::IoError, u"%1 is missing (the state describes %2)"_s.arg(path, described->path));
    if (described && *size != described->length)
        return fail(ErrorCode::IoError, u"%1 holds %2 bytes, the state says %3"_s.arg(path).arg(*size).arg(described->length));
    return {};
}

// The state a change commits: without a new image, installed and backup stay what the files
// are; with one, it must be described, and the image it replaces becomes the backup.
Result<EcuState> committedState(const EcuChange &change, const EcuState &old)
{
    EcuState state = change.state;
    if (change.newImage) {
        if (!state.installed)
            return fail(ErrorCode::InvalidArgument, u"a new image needs state.installed describing it"_s);
        if (state.installed->length != change.newImage->size())
            return fail(ErrorCode::InvalidArgument, u"the new image has %1 bytes, state.installed says %2"_s
                                                        .arg(change.newImage->size()).arg(state.installed->length));
        state.backup = old.installed;
    } else {
        state.installed = old.installed;
        state.backup = old.backup;
    }
    return state;
}

} // namespace

Result<EcuStore> EcuStore::open(const QString &dir)
{
    EcuStore store;
    store.m_dir = QDir::cleanPath(QDir(dir).absolutePath());
    const QString &root = store.m_dir;

    auto configBytes = detail::readFile(root + u'/' + kConfigFile, kMaxJsonFileBytes);
    if (!configBytes)
        return fail(configBytes.error());
    auto config = EcuConfig::fromJson(*configBytes);
    if (!config)
        return fail(config.error().context(root + u'/' + kConfigFile));
    store.m_config = *config;

    auto generation = readCurrent(root);
    if (!generation)
        return fail(generation.error());
    const QString genDir = generationDir(root, *generation);
    if (!QFileInfo(genDir).isDir())
        return fail(ErrorCode::IoError, u"%1/%2 names %3, which does not exist"_s.arg(root, kCurrentFile, genDir));
    if (auto removed = removeStaleGenerations(root, *generation); !removed)
        return fail(removed.error());
    store.m_generation = *generation;

    auto stateBytes = detail::readFile(genDir + u'/' + kStateFile, kMaxJsonFileBytes);
    if (!stateBytes)
        return fail(stateBytes.error().code == ErrorCode::NotFound ? Error{ErrorCode::IoError, stateBytes.error().detail}
                                                                   : stateBytes.error());
    auto state = EcuState::fromJson(*stateBytes);
    if (!state)
        return fail(state.error().context(genDir + u'/' + kStateFile));
    store.m_state = *state;
    if (auto ok = checkImageFile(genDir + u'/' + kImageFile, store.m_state.installed); !ok)
        return fail(ok.error());
    if (auto ok = checkImageFile(genDir + u'/' + kBackupFile, store.m_state.backup); !ok)
        return fail(ok.error());

    const QString extension = Metadata::fileExtension(store.m_config.encoding);
    auto metadata = loadMetadata(genDir + u'/' + kMetadataDir, extension);
    if (!metadata)
        return fail(metadata.error());
    store.m_metadata = *metadata;

    auto key = Crypto::PrivateKey::load(root + u'/' + kPrivateKeyFile);
    if (!key)
        return fail(key.error().context(root + u'/' + kPrivateKeyFile));
    store.m_key = *key;
    return store;
}

Result<EcuStore> EcuStore::provision(const QString &dir, const EcuConfig &config,
                                     const Crypto::PrivateKey &key, const EcuChange &initial)
{
    if (key.isNull())
        return fail(ErrorCode::InvalidArgument, u"provisioning needs the ECU's key"_s);
    // The config must read back as written: provisioning refuses what open() would.
    if (auto reread = EcuConfig::fromJson(config.toJson()); !reread)
        return fail(ErrorCode::InvalidArgument, u"ECU config: "_s + reread.error().detail);
    const QString extension = Metadata::fileExtension(config.encoding);
    if (auto names = checkMetadataNames(initial.metadata, extension); !names)
        return fail(names.error());
    auto state = committedState(initial, EcuState{});
    if (!state)
        return fail(state.error());

    EcuStore store;
    store.m_dir = QDir::cleanPath(QDir(dir).absolutePath());
    const QString &root = store.m_dir;
    // `current` is written last: an ECU is provisioned exactly when it exists.
    if (QFileInfo::exists(root + u'/' + kCurrentFile))
        return fail(ErrorCode::InvalidArgument, u"%1 holds a provisioned ECU already"_s.arg(root));
    if (!QDir().mkpath(root))
        return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(root));

    const QString privatePath = root + u'/' + kPrivateKeyFile;
    const QString publicPath = root + u'/' + kPublicKeyFile;
    if (QFileInfo::exists(privatePath)) {
        auto existing = Crypto::PrivateKey::load(privatePath);
        if (!existing)
            return fail(existing.error().context(privatePath));
        if (!(existing->publicKey() == key.publicKey()))
            return fail(ErrorCode::InvalidKey, u"%1 holds another key than the one to provision"_s.arg(privatePath));
    }
    // The public half as a TUF key object (the KeyRing's .pub format), then the private one.
    if (!QFileInfo::exists(publicPath) || !QFileInfo::exists(privatePath)) {
        if (auto written = detail::replaceFile(publicPath, Json::pretty(detail::tufKeyObject(key.publicKey()))); !written)
            return fail(written.error());
    }
    if (!QFileInfo::exists(privatePath)) {
        if (auto saved = key.save(privatePath); !saved)
            return fail(saved.error());
    }

    if (auto removed = removeStaleGenerations(root, 0); !removed)
        return fail(removed.error());
    ImageSources images;
    if (initial.newImage)
        images.imageBytes = &*initial.newImage;
    if (auto written = writeGeneration(root, 1, *state, initial.metadata, extension, images); !written)
        return fail(written.error());
    if (auto written = detail::replaceFile(root + u'/' + kConfigFile, config.toJson()); !written)
        return fail(written.error());
    runCommitHook("written");
    if (auto switched = switchCurrent(root, 1); !switched)
        return fail(switched.error());
    const auto synced = detail::syncDirectory(root);
    runCommitHook("switched");
    if (!synced)
        return fail(synced.error());

    store.m_config = config;
    store.m_state = *state;
    store.m_key = key;
    store.m_generation = 1;
    store.m_metadata = initial.metadata;
    return store;
}

Result<QByteArray> EcuStore::imageBytes() const
{
    if (!m_state.installed)
        return fail(ErrorCode::NotFound, u"%1 has no installed image"_s.arg(nodeId()));
    auto bytes = detail::readFile(imageFilePath(), std::numeric_limits<qint64>::max());
    if (!bytes && bytes.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::IoError, bytes.error().detail);
    return bytes;
}

QString EcuStore::imageFilePath() const
{
    return m_state.installed ? generationDir(m_dir, m_generation) + u'/' + kImageFile : QString();
}

QString EcuStore::backupFilePath() const
{
    return m_state.backup ? generationDir(m_dir, m_generation) + u'/' + kBackupFile : QString();
}

Result<void> EcuStore::commit(const EcuChange &change)
{
    if (auto names = checkMetadataNames(change.metadata, Metadata::fileExtension(m_config.encoding)); !names)
        return names;
    auto state = committedState(change, m_state);
    if (!state)
        return fail(state.error());

    // Unchanged images are hard links into the current generation: no copy, and the old
    // generation can be removed without touching the files still in use.
    ImageSources images;
    if (change.newImage) {
        images.imageBytes = &*change.newImage;
        images.backupFrom = imageFilePath();
    } else {
        images.imageFrom = imageFilePath();
        images.backupFrom = backupFilePath();
    }
    const qint64 next = m_generation + 1;
    if (auto written = writeGeneration(m_dir, next, *state, change.metadata,
                                       Metadata::fileExtension(m_config.encoding), images);
        !written)
        return written;
    runCommitHook("written");
    if (auto switched = switchCurrent(m_dir, next); !switched) {
        detail::removeTree(generationDir(m_dir, next));
        return switched;
    }
    // From the rename on, the new generation is the one in force (a reader of the directory
    // sees it), whatever the directory fsync says; its failure is reported all the same.
    const QString previous = generationDir(m_dir, m_generation);
    m_generation = next;
    m_state = *state;
    m_metadata = change.metadata;
    const auto synced = detail::syncDirectory(m_dir);
    runCommitHook("switched");
    if (!synced)
        return synced;
    // A failed removal leaves a stale generation that the next open() removes.
    if (detail::removeTree(previous))
        (void)detail::syncDirectory(m_dir);
    return {};
}

void EcuStore::setCommitHook(std::function<void(const char *step)> hook)
{
    commitHook() = std::move(hook);
}

} // namespace Uptane::Vehicle
