// File > Export figure: plots write real PNG/SVG/PDF/CSV files, GL views write PNG and an image
// page in SVG/PDF; bad names and sizes are refused with a message; the CLI-free GUI path and the
// MainWindow path are the same code.
#include "FigureExport.h"
#include "GlFormat.h"
#include "MainWindow.h"
#include "Panel.h"
#include "PlotView.h"
#include "gpucheck/ArrayView.h"

#include <QApplication>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace algoscope::ui;

namespace {

// Distinct colours in an image: a blank (single-colour) export has 1.
int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    static PlotView* makePlot() {
        auto* view = new PlotView(QStringLiteral("test-plot"));
        QCPGraph* g = view->plot()->addGraph();
        g->setName(QStringLiteral("squares"));
        for (int i = 0; i <= 10; ++i)
            g->addData(i, i * i);
        view->plot()->rescaleAxes();
        view->resize(640, 480);
        return view;
    }

private Q_SLOTS:
    void plotExports_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("png") << "plot.png";
        QTest::newRow("svg") << "plot.svg";
        QTest::newRow("pdf") << "plot.pdf";
        QTest::newRow("csv") << "plot.csv";
    }
    void plotExports() {
        QFETCH(QString, file);
        std::unique_ptr<PlotView> view(makePlot());
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view.get()));
        ExportOptions options;
        options.size = QSize(800, 600);
        options.dpi = 200;
        QString error;
        QVERIFY2(view->exportFigure(path(file), options, &error), qPrintable(error));
        const QByteArray bytes = readAll(path(file));
        QVERIFY(!bytes.isEmpty());
        const QString format = exportFormatOf(file);
        if (format == QLatin1String("png")) {
            QImage image;
            QVERIFY(image.loadFromData(bytes, "PNG"));
            QCOMPARE(image.size(), QSize(800, 600));
            QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 200);
            QVERIFY(distinctColours(image) > 3);
        } else if (format == QLatin1String("svg")) {
            QSvgRenderer renderer(bytes);
            QVERIFY(renderer.isValid());
            // Vector output: the curve is a path, not an embedded bitmap.
            QVERIFY(bytes.contains("<path") || bytes.contains("<polyline"));
            QVERIFY(!bytes.contains("<image"));
        } else if (format == QLatin1String("pdf")) {
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        } else {
            const QList<QByteArray> lines = bytes.trimmed().split('\n');
            QCOMPARE(lines.size(), 12);
            QCOMPARE(lines[0], QByteArray("series,x,y"));
            QCOMPARE(lines[4], QByteArray("\"squares\",3,9"));
        }
    }

    void badRequestsAreRefused() {
        std::unique_ptr<PlotView> view(makePlot());
        QString error;
        ExportOptions options;
        QVERIFY(!view->exportFigure(path(QStringLiteral("plot.bmpx")), options, &error));
        QVERIFY(error.contains(QStringLiteral("format")));
        options.size = QSize(100000, 10);
        QVERIFY(!view->exportFigure(path(QStringLiteral("plot.png")), options, &error));
        QVERIFY(error.contains(QStringLiteral("size")));
        options = ExportOptions();
        QVERIFY(!view->exportFigure(m_dir.filePath(QStringLiteral("no/such/dir/plot.png")), options,
                                    &error));
        QVERIFY(!error.isEmpty());
    }

    void failedExportKeepsOldFile() {
        // Atomic writes: a refused export leaves the previous file untouched.
        std::unique_ptr<PlotView> view(makePlot());
        const QString file = path(QStringLiteral("keep.png"));
        QString error;
        QVERIFY(view->exportFigure(file, ExportOptions(), &error));
        const QByteArray before = readAll(file);
        ExportOptions bad;
        bad.dpi = 1e9;
        QVERIFY(!view->exportFigure(file, bad, &error));
        QCOMPARE(readAll(file), before);
    }

    void glViewExports_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("png") << "view.png";
        QTest::newRow("svg") << "view.svg";
        QTest::newRow("pdf") << "view.pdf";
    }
    void glViewExports() {
        QFETCH(QString, file);
        ArrayView view;
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        std::vector<float> values(500);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = float(i % 50);
        view.setData(values, QStringLiteral("saw"));
        QTRY_VERIFY(view.isGlReady());
        ExportOptions options;
        options.size = QSize(640, 360);
        QString error;
        QVERIFY2(view.exportFigure(path(file), options, &error), qPrintable(error));
        const QByteArray bytes = readAll(path(file));
        if (file.endsWith(QLatin1String(".png"))) {
            QImage image;
            QVERIFY(image.loadFromData(bytes, "PNG"));
            QCOMPARE(image.size(), QSize(640, 360));
            QVERIFY2(distinctColours(image) > 2, "GL export is blank");
        } else if (file.endsWith(QLatin1String(".svg"))) {
            QVERIFY(QSvgRenderer(bytes).isValid());
        } else {
            QVERIFY(bytes.startsWith("%PDF-"));
        }
    }

    void mainWindowExportsCurrentFigure() {
        MainWindow w(path(QStringLiteral("s.ini")), false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.waitForCurrentLab(120000));
        QString error;
        for (const QString& name :
             {QStringLiteral("fig.png"), QStringLiteral("fig.svg"), QStringLiteral("fig.pdf")}) {
            QVERIFY2(w.exportFigureTo(path(name), ExportOptions(), &error), qPrintable(error));
            QVERIFY(QFileInfo(path(name)).size() > 100);
        }
    }
};

int main(int argc, char** argv) {
    QSurfaceFormat::setDefaultFormat(preferredSurfaceFormat());
    QApplication app(argc, argv);
    TestExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestExport.moc"
