// Replays every fuzz seed (tests/fuzz/corpus/<Target>/) and every saved crash
// (tests/fuzz/regressions/<Target>/) through the same body the libFuzzer target fuzz_<Target>
// runs (tests/fuzz/FuzzBodies.h). It runs in the normal suite and under ASan + UBSan in
// scripts/test, so a parser bug found by fuzzing stays fixed on machines that never fuzz.
// A failure here is a crash, a sanitizer report, or an exception that is not an input error;
// the row name says which file.
#include "../fuzz/AttentionFuzzBodies.h"
#include "../fuzz/ContfracFuzzBodies.h"
#include "../fuzz/CubeFuzzBodies.h"
#include "../fuzz/FuzzBodies.h"
#include "../fuzz/HashLifeFuzzBodies.h"
#include "../fuzz/NnFuzzBodies.h"
#include "../fuzz/RashomonFuzzBodies.h"
#include "../fuzz/TourFuzzBodies.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <exception>

namespace {

using Body = int (*)(const std::uint8_t*, std::size_t);

struct Target {
    const char* name; // fuzz_<name>, and the folder under corpus/ and regressions/
    Body body;
};

constexpr Target kTargets[] = {
    {"Npy", algoscope::fuzz::fuzzNpy},
    {"NpyHeader", algoscope::fuzz::fuzzNpyHeader},
    {"Safetensors", algoscope::fuzz::fuzzSafetensors},
    {"Json", algoscope::fuzz::fuzzJson},
    {"CliArgs", algoscope::fuzz::fuzzCliArgs},
    {"Rle", algoscope::fuzz::fuzzRle},
    {"Cells", algoscope::fuzz::fuzzCells},
    {"Pattern", algoscope::fuzz::fuzzPattern},
    {"Rule", algoscope::fuzz::fuzzRule},
    {"ModelFile", algoscope::fuzz::fuzzModelFile},
    {"CubeMoves", algoscope::fuzz::fuzzCubeMoves},
    {"CubeStickers", algoscope::fuzz::fuzzCubeStickers},
    {"Macrocell", algoscope::fuzz::fuzzMacrocell},
    {"RleBlocks", algoscope::fuzz::fuzzRleBlocks},
    {"ContfracExpr", algoscope::fuzz::fuzzContfracExpr},
    {"ContfracPoly", algoscope::fuzz::fuzzContfracPoly},
    {"ContfracSeq", algoscope::fuzz::fuzzContfracSeq},
    {"NaInput", algoscope::fuzz::fuzzNaInput},
    {"Csv", algoscope::fuzz::fuzzCsv},
    {"Tour", algoscope::fuzz::fuzzTour},
};

QString fuzzDir() {
    return QStringLiteral(ALGOSCOPE_SOURCE_DIR "/tests/fuzz");
}

QStringList filesIn(const QString& dir) {
    QStringList out;
    const QDir d(dir);
    for (const QString& f : d.entryList(QDir::Files | QDir::Hidden, QDir::Name))
        out << d.filePath(f);
    return out;
}

} // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT

private slots:
    // Every target has a seed corpus; a target with no seeds would make the replay pass vacuously.
    void everyTargetHasSeeds_data() {
        QTest::addColumn<QString>("target");
        for (const Target& t : kTargets)
            QTest::newRow(t.name) << QString::fromLatin1(t.name);
    }
    void everyTargetHasSeeds() {
        QFETCH(QString, target);
        const QStringList seeds = filesIn(fuzzDir() + "/corpus/" + target);
        QVERIFY2(!seeds.isEmpty(), qPrintable("no seed files in tests/fuzz/corpus/" + target));
    }

    // Every fuzz source file has a row in kTargets (so a new target is not silently unreplayed).
    void everyFuzzTargetIsReplayed() {
        const QStringList sources =
            QDir(fuzzDir()).entryList({QStringLiteral("Fuzz*.cpp")}, QDir::Files, QDir::Name);
        QVERIFY(!sources.isEmpty());
        for (QString s : sources) {
            s.remove(0, 4).chop(4); // FuzzNpy.cpp -> Npy
            bool found = false;
            for (const Target& t : kTargets)
                found = found || s == QLatin1String(t.name);
            QVERIFY2(found, qPrintable("tests/fuzz/Fuzz" + s + ".cpp has no row in kTargets"));
        }
    }

    void replay_data() {
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("path");
        for (int i = 0; i < int(std::size(kTargets)); ++i) {
            const QString name = QString::fromLatin1(kTargets[i].name);
            for (const char* kind : {"corpus", "regressions"})
                for (const QString& path : filesIn(fuzzDir() + "/" + kind + "/" + name))
                    QTest::newRow(qPrintable(name + "/" + kind + "/" + QFileInfo(path).fileName()))
                        << i << path;
        }
    }
    void replay() {
        QFETCH(int, target);
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable("cannot read " + path));
        const QByteArray bytes = f.readAll();
        try {
            kTargets[target].body(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                  static_cast<std::size_t>(bytes.size()));
        } catch (const std::exception& e) {
            QFAIL(
                qPrintable(QStringLiteral("unexpected exception: ") + QString::fromUtf8(e.what())));
        } catch (...) {
            QFAIL("unexpected exception of unknown type");
        }
    }
};

// QTEST_GUILESS_MAIN plus -nocrashhandler: a crash here is a parser bug, and the sanitizer's own
// report (what the fuzzer printed) is the useful one. Qt Test's handler would replace ASan's
// SIGSEGV handler and attach gdb, which takes many minutes over the 64000 frames of the
// stack-overflow regression.
int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    TestFuzzCorpus test;
    QStringList args = QCoreApplication::arguments();
    args.insert(1, QStringLiteral("-nocrashhandler"));
    return QTest::qExec(&test, args);
}
#include "TestFuzzCorpus.moc"
