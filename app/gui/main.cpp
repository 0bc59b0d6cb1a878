// algoscope: the desktop lab. Qt command-line conventions (--help, --version), plus
//   --lab ID                 open that lab
//   --screenshot FILE.png    render the lab, save a screenshot of the window and exit
//   --size WxH               window size (with --screenshot: the screenshot's size)
//   --settings FILE          use this settings file (default: the per-user one)
//   --tour STEP              open the lab's guided tour at STEP (1-based) and do that step
//   --present                start in presentation mode (full screen, large, high contrast)
#include "FigureExport.h"
#include "GlFormat.h"
#include "Lab.h"
#include "LabRegistry.h"
#include "MainWindow.h"
#include "tour/TourPanel.h"
#include "util/Text.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImageWriter>
#include <QOpenGLContext>
#include <QScreen>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {

// Views render with OpenGL 3.3 core; compute paths need 4.3. Ask for 4.3 core and fall back to
// 3.3 core when the driver cannot do it (the GPU paths then report themselves unavailable and
// the CPU twins run).
// Called after QApplication exists (a context needs the platform plugin). The default format was
// already set before QApplication so the global share context uses it too; this only changes it
// on the rare driver without 4.3.
void chooseSurfaceFormat() {
    QSurfaceFormat format = algoscope::ui::preferredSurfaceFormat();
    QOpenGLContext probe;
    probe.setFormat(format);
    if (!probe.create() || probe.format().version() < qMakePair(4, 3)) {
        format.setVersion(3, 3);
        std::fprintf(stderr, "algoscope: OpenGL 4.3 is not available; GPU compute paths are off\n");
        QSurfaceFormat::setDefaultFormat(format);
    }
}

bool parseWindowSize(const QString& text, QSize* size) {
    const auto wh = algoscope::util::parseSize(text.toStdString());
    if (!wh || wh->first < 320 || wh->second < 240 || wh->first > 8192 || wh->second > 8192)
        return false;
    *size = QSize(int(wh->first), int(wh->second));
    return true;
}

} // namespace

int main(int argc, char** argv) {
    // OpenMP threads that spin-wait between parallel regions steal the core the GUI and the GL
    // compositor need (measured: a 2-thread Life step 3x slower than 1 thread when another
    // process holds a core). The desktop program prefers passive waiting unless told otherwise.
    setenv("OMP_WAIT_POLICY", "passive", 0);
    QSurfaceFormat::setDefaultFormat(algoscope::ui::preferredSurfaceFormat());
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("algoscope"));
    QApplication::setOrganizationName(QStringLiteral("algoscope"));
    QApplication::setApplicationVersion(QStringLiteral(ALGOSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A visual laboratory for algorithms from recent papers."));
    parser.addHelpOption();
    parser.addVersionOption();
    QStringList ids;
    for (const auto& lab : algoscope::ui::labRegistry())
        ids << lab.id;
    QCommandLineOption labOpt(
        QStringLiteral("lab"),
        QStringLiteral("Open this lab (%1).").arg(ids.join(QStringLiteral(", "))),
        QStringLiteral("id"));
    QCommandLineOption shotOpt(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the lab, save a PNG screenshot of the window and exit."),
        QStringLiteral("file"));
    QCommandLineOption sizeOpt(QStringLiteral("size"),
                               QStringLiteral("Window size, e.g. 1600x1000."),
                               QStringLiteral("WxH"));
    QCommandLineOption settingsOpt(QStringLiteral("settings"),
                                   QStringLiteral("Settings file to use."), QStringLiteral("file"));
    QCommandLineOption timeoutOpt(
        QStringLiteral("timeout"),
        QStringLiteral(
            "With --screenshot: seconds to wait for the lab to finish computing (default 120)."),
        QStringLiteral("s"), QStringLiteral("120"));
    QCommandLineOption tourOpt(
        QStringLiteral("tour"),
        QStringLiteral("Open the lab's guided tour at this step (1-based) and do that step."),
        QStringLiteral("step"));
    QCommandLineOption presentOpt(
        QStringLiteral("present"),
        QStringLiteral("Start in presentation mode (full screen, large fonts, high contrast; "
                       "arrows step the tour, Space plays, Esc leaves)."));
    parser.addOptions({labOpt, shotOpt, sizeOpt, settingsOpt, timeoutOpt, tourOpt, presentOpt});
    parser.process(app);

    QSize size(1400, 900);
    if (parser.isSet(sizeOpt) && !parseWindowSize(parser.value(sizeOpt), &size)) {
        std::fprintf(stderr,
                     "algoscope: --size must be WxH between 320x240 and 8192x8192, got '%s'\n",
                     qPrintable(parser.value(sizeOpt)));
        return 2;
    }
    const QString labId = parser.value(labOpt);
    if (parser.isSet(labOpt) && !algoscope::ui::findLab(labId)) {
        std::fprintf(stderr, "algoscope: unknown lab '%s' (labs: %s)\n", qPrintable(labId),
                     qPrintable(ids.join(QStringLiteral(", "))));
        return 2;
    }
    const bool screenshot = parser.isSet(shotOpt);
    if (screenshot &&
        algoscope::ui::exportFormatOf(parser.value(shotOpt)) != QLatin1String("png")) {
        std::fprintf(stderr, "algoscope: --screenshot needs a .png file name\n");
        return 2;
    }

    chooseSurfaceFormat();
    // Screenshots must not depend on, or change, the user's saved layout.
    algoscope::ui::MainWindow window(parser.value(settingsOpt), !screenshot);
    if (screenshot || parser.isSet(sizeOpt))
        window.resize(size);
    if (!labId.isEmpty())
        window.switchToLab(labId);
    window.show();
    if (parser.isSet(tourOpt)) {
        bool ok = false;
        const int step = parser.value(tourOpt).toInt(&ok);
        if (!window.startTour()) {
            std::fprintf(stderr, "algoscope: the %s lab has no guided tour\n",
                         qPrintable(window.currentLab() ? window.currentLab()->id() : labId));
            return 2;
        }
        algoscope::ui::TourPanel* tour = window.tourPanel();
        if (!ok || step < 1 || step > tour->stepCount()) {
            std::fprintf(stderr, "algoscope: --tour takes a step from 1 to %d\n",
                         tour->stepCount());
            return 2;
        }
        tour->goToStep(step - 1);
        window.waitForCurrentLab(120000);
        tour->doCurrentStep();
        QElapsedTimer t;
        t.start();
        while (tour->isRunningActions() && t.elapsed() < 120000)
            QApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!tour->lastError().isEmpty())
            std::fprintf(stderr, "algoscope: tour step %d: %s\n", step,
                         qPrintable(tour->lastError()));
    }
    if (parser.isSet(presentOpt))
        window.setPresentationMode(true);

    if (!screenshot)
        return app.exec();

    // Screenshot mode: let the lab compute and draw, then grab the whole window (QWidget::grab
    // includes QOpenGLWidget contents).
    const int timeoutMs = parser.value(timeoutOpt).toInt() * 1000;
    if (!window.waitForCurrentLab(timeoutMs > 0 ? timeoutMs : 120000)) {
        std::fprintf(stderr, "algoscope: the lab did not finish within the timeout\n");
        return 1;
    }
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 400)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    const QImage image = window.grab().toImage();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter(&buffer, "png").write(image);
    QString error;
    if (!algoscope::ui::saveFileAtomically(parser.value(shotOpt), buffer.data(), &error)) {
        std::fprintf(stderr, "algoscope: %s\n", qPrintable(error));
        return 1;
    }
    std::fprintf(stderr, "algoscope: wrote %s (%dx%d)\n", qPrintable(parser.value(shotOpt)),
                 image.width(), image.height());
    return 0;
}
