// Tests of util/AtomicFile: complete replacement, cleanup of the temporary file on every failure,
// bounded reads. Tests run as root in CI, so "directory not writable" cannot be provoked; a failed
// rename (target is a directory) and a missing directory exercise the failure paths instead.
#include "TestHelpers.h"

#include "util/AtomicFile.h"
#include "util/Error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <string>
#include <thread>

#include <sys/stat.h>

using namespace algoscope::util;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT

private slots:
    void writesNewFile();
    void replacesExisting_data();
    void replacesExisting();
    void permissions();
    void missingDirectoryThrows();
    void failedRenameRemovesTemporary();
    void readersNeverSeeHalfFiles();
    void readFileBytes();
    void readFileBytesErrors();
};

void TestAtomicFile::writesNewFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("new.bin"));
    const std::string content("a\0b\xff", 4);
    writeFileAtomically(path.toStdString(), content);
    QCOMPARE(readAll(path), QByteArray(content.data(), 4));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("new.bin")}); // no temporary left
}

void TestAtomicFile::replacesExisting_data() {
    QTest::addColumn<int>("oldSize");
    QTest::addColumn<int>("newSize");
    QTest::newRow("shrink to empty") << 1000 << 0;
    QTest::newRow("grow") << 10 << 20;
    QTest::newRow("1 MiB over 3 bytes") << 3 << (1 << 20);
    QTest::newRow("shorter") << (1 << 20) << 5;
}

void TestAtomicFile::replacesExisting() {
    QFETCH(int, oldSize);
    QFETCH(int, newSize);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("f.txt"));
    writeFileAtomically(path.toStdString(), std::string(std::size_t(oldSize), 'o'));
    QCOMPARE(readAll(path).size(), oldSize);
    std::string fresh(std::size_t(newSize), 'n');
    for (std::size_t i = 0; i < fresh.size(); i += 97)
        fresh[i] = char('a' + i % 26);
    writeFileAtomically(path.toStdString(), fresh);
    QCOMPARE(readAll(path), QByteArray::fromStdString(fresh));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("f.txt")});
}

void TestAtomicFile::permissions() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const mode_t old = ::umask(0027);
    const QString path = dir.filePath(QStringLiteral("m"));
    writeFileAtomically(path.toStdString(), "x");
    ::umask(old);
    struct stat st {};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0640)); // 0666 & ~0027, like any newly created file

    // Replacing keeps the old mode, whatever the umask.
    QCOMPARE(::chmod(path.toLocal8Bit().constData(), 0600), 0);
    writeFileAtomically(path.toStdString(), "secret");
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QCOMPARE(readAll(path), QByteArray("secret"));
}

void TestAtomicFile::missingDirectoryThrows() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("no/such/dir/f.txt"));
    const QString message = errorOf([&] { writeFileAtomically(path.toStdString(), "data"); });
    QVERIFY2(message.contains(path) && message.contains(QLatin1String("No such file or directory")),
             qPrintable(message));
    QVERIFY(entries(dir.path()).isEmpty());
    QVERIFY(
        errorOf([] { writeFileAtomically("", "x"); }).startsWith(QLatin1String("cannot write")));
}

void TestAtomicFile::failedRenameRemovesTemporary() {
    // The destination is a non-empty directory: creating and filling the temporary succeeds, the
    // rename fails (EISDIR), and the temporary must be gone with the directory untouched.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("target"));
    QVERIFY(QDir().mkdir(target));
    QFile keep(target + QStringLiteral("/keep"));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("kept");
    keep.close();
    const QString message =
        errorOf([&] { writeFileAtomically(target.toStdString(), std::string(4096, 'x')); });
    QVERIFY2(message.startsWith(QStringLiteral("cannot write '%1': ").arg(target)),
             qPrintable(message));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("target")});
    QCOMPARE(readAll(target + QStringLiteral("/keep")), QByteArray("kept"));
}

void TestAtomicFile::readersNeverSeeHalfFiles() {
    // Two writers replace one file with 256 KiB of a single repeated letter; a reader checks that
    // every read sees a complete file of one letter, never a mixture or a short file.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("shared.bin")).toStdString();
    constexpr std::size_t kSize = 256 * 1024;
    writeFileAtomically(path, std::string(kSize, 'a'));
    std::atomic<bool> stop{false};
    std::atomic<int> badReads{0}, reads{0};
    std::thread reader([&] {
        while (!stop.load()) {
            const std::string s = algoscope::util::readFileBytes(path, kSize);
            const bool uniform =
                s.size() == kSize && s.find_first_not_of(s[0]) == std::string::npos;
            badReads += uniform ? 0 : 1;
            ++reads;
        }
    });
    std::thread writers[2];
    for (int w = 0; w < 2; ++w)
        writers[w] = std::thread([&, w] {
            for (int i = 0; i < 40; ++i)
                writeFileAtomically(path, std::string(kSize, char('b' + w + 2 * (i % 10))));
        });
    for (auto& t : writers)
        t.join();
    stop = true;
    reader.join();
    QCOMPARE(badReads.load(), 0);
    QVERIFY(reads.load() > 0);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("shared.bin")});
}

void TestAtomicFile::readFileBytes() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("r.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("hello\0world", 11));
    f.close();
    QCOMPARE(algoscope::util::readFileBytes(path.toStdString(), 11),
             std::string("hello\0world", 11));
    QCOMPARE(algoscope::util::readFileBytes(path.toStdString(), 1000).size(), std::size_t{11});
    QVERIFY(QFile(path).resize(0));
    QCOMPARE(algoscope::util::readFileBytes(path.toStdString(), 0), std::string());
}

void TestAtomicFile::readFileBytesErrors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("big.bin"));
    writeFileAtomically(path.toStdString(), std::string(100, 'x'));
    try {
        algoscope::util::readFileBytes(path.toStdString(), 99);
        QFAIL("no exception");
    } catch (const LimitError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(
                     QStringLiteral("is 100 bytes, larger than the limit of 99")),
                 e.what());
    }
    const QString missing =
        errorOf([&] { algoscope::util::readFileBytes(dir.filePath("nope").toStdString(), 10); });
    QVERIFY2(missing.contains(QLatin1String("No such file or directory")) &&
                 missing.contains(QLatin1String("nope")),
             qPrintable(missing));
    const QString isDir =
        errorOf([&] { algoscope::util::readFileBytes(dir.path().toStdString(), 10); });
    QVERIFY2(isDir.contains(QLatin1String("not a regular file")), qPrintable(isDir));
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "TestAtomicFile.moc"
