// `algoscope-cli figures`: the figure gallery. Regenerates every lab's key paper figures
// (Lab::galleryFigures()) with our own engines and writes each as PNG/SVG/PDF, its data as CSV,
// and a caption file stating what it shows, the measured values and the command that made it;
// optionally a Markdown index (docs/gallery.md is made this way).
// Only in builds with the widgets layer (ALGOSCOPE_BUILD_GUI).
#ifdef ALGOSCOPE_CLI_WITH_WIDGETS
#include "cli/Cli.h"
#include "cli/HeadlessQt.h"

#include "FigureExport.h"
#include "Gallery.h"
#include "Lab.h"
#include "LabRegistry.h"
#include "util/Error.h"
#include "util/TaskContext.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <iomanip>
#include <memory>
#include <ostream>

namespace algoscope::cli {

namespace {

const char* kHelp =
    R"(Usage: algoscope-cli figures --out DIR [--lab ID] [--only FIGURE] [--format F]
                             [--index FILE.md] [--list]

Regenerates the key figures of each lab's paper with algoscope's own engines and writes, for
every figure, DIR/<figure>.<format>, DIR/<figure>.csv (the plotted data) and DIR/<figure>.txt
(caption: what it shows, the measured values, the command that made it), plus DIR/figures.json.

Options:
  --out DIR        output folder (created if missing)
  --lab ID         only this lab's figures (default: every lab)
  --only FIGURE    only this figure id (see --list)
  --format F       png, svg, pdf or all (default png)
  --index FILE.md  also write a Markdown gallery page linking the images (paths relative to
                   the page), e.g. --out docs/gallery --index docs/gallery.md
  --list           print the figures as JSON and exit without computing them
)";

struct Entry {
    QString lab;
    ui::GalleryFigure figure;
};

std::vector<Entry> collect(const std::optional<std::string>& labId,
                           const std::optional<std::string>& only,
                           std::vector<std::unique_ptr<ui::Lab>>& keep) {
    std::vector<Entry> entries;
    bool labFound = !labId;
    for (const ui::LabInfo& info : ui::labRegistry()) {
        if (labId && info.id.toStdString() != *labId)
            continue;
        labFound = true;
        keep.push_back(info.create());
        for (ui::GalleryFigure& f : keep.back()->galleryFigures())
            if (!only || f.id.toStdString() == *only)
                entries.push_back({info.id, std::move(f)});
    }
    if (!labFound)
        throw UsageError("unknown lab '" + *labId + "'");
    if (only && entries.empty())
        throw UsageError("no figure '" + *only + "' (see algoscope-cli figures --list)");
    return entries;
}

int runFigures(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    Args args(argv, {"out", "lab", "only", "format", "index"}, {"help", "list"});
    if (args.flag("help")) {
        out << kHelp;
        return Ok;
    }
    if (!args.positionals().empty())
        throw UsageError("unexpected argument '" + args.positionals().front() + "'");
    const std::string format = args.option("format", "png");
    QStringList formats;
    if (format == "all")
        formats = {"png", "svg", "pdf"};
    else if (format == "png" || format == "svg" || format == "pdf")
        formats = {QString::fromStdString(format)};
    else
        throw UsageError("--format is png, svg, pdf or all, not '" + format + "'");
    const auto outDir = args.option("out");
    if (!outDir && !args.flag("list"))
        throw UsageError("--out DIR is required");

    const auto app = makeHeadlessApp();
    std::vector<std::unique_ptr<ui::Lab>> labs;
    const std::vector<Entry> entries = collect(args.option("lab"), args.option("only"), labs);

    if (args.flag("list")) {
        QJsonArray list;
        for (const Entry& e : entries)
            list.append(QJsonObject{{"lab", e.lab},
                                    {"id", e.figure.id},
                                    {"title", e.figure.title},
                                    {"caption", e.figure.caption}});
        out << QJsonDocument(list).toJson().toStdString();
        return Ok;
    }

    const QString dir = QString::fromStdString(*outDir);
    if (!QDir().mkpath(dir))
        throw util::Error("cannot create the folder " + *outDir);
    QJsonArray manifest;
    QString index = QStringLiteral(
        "# Figure gallery\n\nEvery figure below was computed by algoscope's own engines on the "
        "machine named in docs/benchmarks.md, by one command:\n\n```\n");
    const QString indexPath = QString::fromStdString(args.option("index", ""));
    index += QStringLiteral("algoscope-cli figures --format %1 --out %2%3\n```\n\n")
                 .arg(QString::fromStdString(format), dir,
                      indexPath.isEmpty() ? QString() : QStringLiteral(" --index ") + indexPath);
    index += QStringLiteral("Each figure has its data (.csv) and its caption (.txt) beside it. "
                            "`--format all` also writes SVG and PDF.\n");
    QString lastLab;
    int number = 0;
    QElapsedTimer total;
    total.start();
    for (const Entry& e : entries) {
        ++number;
        err << "figures: [" << number << "/" << entries.size() << "] " << e.figure.id.toStdString()
            << " ..." << std::flush;
        QElapsedTimer timer;
        timer.start();
        util::TaskContext ctx;
        ui::FigureDrawing drawing = e.figure.make(ctx);
        const double computeSeconds = double(timer.elapsed()) / 1000.0;
        ui::ExportOptions options;
        options.size = drawing.size;
        options.dpi = 150;
        const QString stem = QDir(dir).filePath(e.figure.id);
        QJsonArray files;
        for (const QString& f : formats) {
            QString error;
            if (!ui::exportPainted(drawing.paint, stem + '.' + f, options, &error))
                throw util::Error(error.toStdString());
            files.append(e.figure.id + '.' + f);
        }
        QString error;
        if (!drawing.csv.isEmpty()) {
            if (!ui::saveFileAtomically(stem + QStringLiteral(".csv"), drawing.csv, &error))
                throw util::Error(error.toStdString());
            files.append(e.figure.id + QStringLiteral(".csv"));
        }
        const QString command =
            QStringLiteral("algoscope-cli figures --lab %1 --only %2 --format %3 --out DIR")
                .arg(e.lab, e.figure.id, QString::fromStdString(format));
        const QString caption =
            e.figure.title + QStringLiteral("\n\n") + e.figure.caption +
            (drawing.details.isEmpty() ? QString() : QStringLiteral("\n\n") + drawing.details) +
            QStringLiteral("\n\nMade by: ") + command +
            QStringLiteral("\nalgoscope %1; computed in %2 s.\n")
                .arg(QStringLiteral(ALGOSCOPE_VERSION))
                .arg(computeSeconds, 0, 'f', 1);
        if (!ui::saveFileAtomically(stem + QStringLiteral(".txt"), caption.toUtf8(), &error))
            throw util::Error(error.toStdString());
        manifest.append(QJsonObject{{"lab", e.lab},
                                    {"id", e.figure.id},
                                    {"title", e.figure.title},
                                    {"caption", e.figure.caption},
                                    {"details", drawing.details},
                                    {"command", command},
                                    {"seconds", computeSeconds},
                                    {"files", files}});
        if (e.lab != lastLab) {
            const ui::LabInfo* info = ui::findLab(e.lab);
            index += QStringLiteral("\n## %1\n").arg(info ? info->title : e.lab);
            lastLab = e.lab;
        }
        if (!indexPath.isEmpty()) {
            const QString image = QFileInfo(indexPath).absoluteDir().relativeFilePath(
                QFileInfo(stem + '.' + formats.front()).absoluteFilePath());
            index += QStringLiteral("\n### %1\n\n![%1](%2)\n\n%3\n")
                         .arg(e.figure.title, image, e.figure.caption);
            if (!drawing.details.isEmpty())
                index += QStringLiteral("\n%1\n").arg(drawing.details);
            index += QStringLiteral("\n`%1`\n").arg(command);
        }
        err << " " << std::fixed << std::setprecision(1) << double(timer.elapsed()) / 1000.0
            << " s\n";
    }
    QString error;
    if (!ui::saveFileAtomically(QDir(dir).filePath(QStringLiteral("figures.json")),
                                QJsonDocument(manifest).toJson(), &error))
        throw util::Error(error.toStdString());
    if (!indexPath.isEmpty() && !ui::saveFileAtomically(indexPath, index.toUtf8(), &error))
        throw util::Error(error.toStdString());
    err << "figures: wrote " << entries.size() << " figure(s) to " << *outDir << " in "
        << std::fixed << std::setprecision(1) << double(total.elapsed()) / 1000.0 << " s\n";
    return Ok;
}

} // namespace

ALGOSCOPE_CLI_COMMAND({"figures", "regenerate each paper's key figures (PNG/SVG/PDF + captions)",
                       runFigures});

} // namespace algoscope::cli
#endif
