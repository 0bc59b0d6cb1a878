// `algoscope-cli export`: File > Export figure without a window. Builds the lab headless (Qt's
// offscreen platform when there is no display), lets it compute its default view, and writes the
// figure exactly as the GUI's export does (same code: Exportable::exportFigure).
// Only in builds with the widgets layer (ALGOSCOPE_BUILD_GUI).
#ifdef ALGOSCOPE_CLI_WITH_WIDGETS
#include "cli/Cli.h"
#include "cli/HeadlessQt.h"

#include "Exportable.h"
#include "FigureExport.h"
#include "GlView.h"
#include "Lab.h"
#include "LabRegistry.h"
#include "TaskRunner.h"
#include "util/Error.h"
#include "util/Text.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QWidget>

#include <iostream>
#include <memory>

namespace algoscope::cli {

namespace {

const char* kHelp =
    R"(Usage: algoscope-cli export --lab ID --out FILE [--size WxH] [--dpi N] [--timeout S]

Computes a lab's main figure headless and writes it as PNG, SVG, PDF (chosen by the file
extension), or its data as CSV where the figure is a plot. The same code as File > Export
figure in the GUI.

Options:
  --lab ID       lab to export (see algoscope --help for the list)
  --out FILE     output file: .png, .svg, .pdf or .csv
  --size WxH     figure size in pixels (default 1200x800)
  --dpi N        resolution recorded in PNG, scale of PDF/SVG pages (default 150)
  --timeout S    give up after S seconds of computing (default 600)
)";

int runExport(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    Args args(argv, {"lab", "out", "size", "dpi", "timeout"}, {"help"});
    if (args.flag("help")) {
        out << kHelp;
        return Ok;
    }
    if (!args.positionals().empty())
        throw UsageError("unexpected argument '" + args.positionals().front() + "'");
    const auto labId = args.option("lab");
    const auto file = args.option("out");
    if (!labId || !file)
        throw UsageError("--lab and --out are required");
    ui::ExportOptions options;
    if (auto size = args.option("size")) {
        const auto wh = util::parseSize(*size);
        if (!wh || wh->first < 16 || wh->second < 16 || wh->first > 20000 || wh->second > 20000)
            throw UsageError("--size must look like 1200x800 (16 to 20000 per side), got '" +
                             *size + "'");
        options.size = QSize(int(wh->first), int(wh->second));
    }
    options.dpi = args.doubleOption("dpi", 150, 30, 2400);
    const long long timeout = args.intOption("timeout", 600, 1, 86400);
    const QString path = QString::fromStdString(*file);
    if (ui::exportFormatOf(path).isEmpty())
        throw UsageError("--out must end in .png, .svg, .pdf or .csv");

    const auto app = makeHeadlessApp();

    const ui::LabInfo* info = ui::findLab(QString::fromStdString(*labId));
    if (!info)
        throw UsageError("unknown lab '" + *labId + "'");
    std::unique_ptr<ui::Lab> lab = info->create();
    std::unique_ptr<QWidget> view(lab->createCentralView(nullptr));
    view->resize(options.size);
    std::string failure;
    QObject::connect(lab->taskRunner(), &ui::TaskRunner::finished,
                     [&failure](const QString& title, bool, bool, const QString& error) {
                         if (!error.isEmpty())
                             failure = (title + QStringLiteral(": ") + error).toStdString();
                     });
    lab->activate();
    // A lab may chain tasks (probe, then compute): wait until it stays idle.
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeout * 1000) {
        if (!lab->taskRunner()->waitForIdle(int(timeout * 1000 - timer.elapsed())))
            break;
        QCoreApplication::processEvents();
        if (lab->isIdle())
            break;
    }
    if (!lab->isIdle()) {
        lab->taskRunner()->cancel();
        lab->taskRunner()->waitForIdle(5000);
        throw util::Error("the lab did not finish within " + std::to_string(timeout) + " s");
    }
    if (!failure.empty())
        throw util::Error(failure);
    ui::Exportable* target = lab->defaultExportable();
    if (!target)
        throw util::Error("lab '" + *labId + "' has no figure to export");
    // An OpenGL view needs a real window system (Qt's offscreen platform cannot create its
    // context): show it, off to the side, and wait until its context exists.
    if (auto* gl = dynamic_cast<ui::GlView*>(target)) {
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            throw util::Error("lab '" + *labId +
                              "' draws with OpenGL and needs a display: run under "
                              "an X server, e.g. xvfb-run -a algoscope-cli export ...");
        view->show();
        QElapsedTimer wait;
        wait.start();
        while (!gl->isGlReady() && wait.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!gl->isGlReady())
            throw util::Error("no OpenGL context for the view of lab '" + *labId + "'");
    }
    QString error;
    if (!target->exportFigure(path, options, &error))
        throw util::Error(error.toStdString());
    err << "algoscope-cli export: wrote " << *file << "\n";
    return Ok;
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"export", "write a lab's main figure (PNG/SVG/PDF) or its data (CSV)",
                       runExport});

} // namespace algoscope::cli
#endif
