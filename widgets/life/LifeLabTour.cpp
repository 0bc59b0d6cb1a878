// The Life lab's teaching side: the actions its guided tour (resources/tours/life.json) may use,
// each going through the same undoable commands as a user edit, and the Life figures of the
// gallery (`algoscope-cli figures --lab life`).
#include "LifeCanvas.h"
#include "LifeCommands.h"
#include "LifeLab.h"
#include "LifeModel.h"
#include "tour/TourArgs.h"

#include "life/LifeEngine.h"
#include "life/PatternLibrary.h"
#include "life/Rule.h"
#include "util/TaskContext.h"

#include <QJsonValue>
#include <QUndoStack>
#include <qcustomplot.h>

namespace algoscope::ui {

namespace {

using tourargs::fail;
using tourargs::intArg;

bool topologyArg(const QJsonObject& args, life::Topology* out, QString* error) {
    const QJsonValue v = args.value(QLatin1String("topology"));
    if (v.isUndefined())
        return true;
    if (v.toString() == QLatin1String("torus"))
        *out = life::Topology::Torus;
    else if (v.toString() == QLatin1String("plane"))
        *out = life::Topology::Plane;
    else
        return fail(error, QStringLiteral("'topology' is torus or plane"));
    return true;
}

} // namespace

QList<TourActionSpec> LifeLab::tourActions() const {
    return {
        {QStringLiteral("loadPattern"),
         {QStringLiteral("pattern")},
         {QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("topology"),
          QStringLiteral("rule")},
         tr("Patterns panel: pick the pattern (a new board with it in the middle)")},
        {QStringLiteral("setRule"),
         {QStringLiteral("rule")},
         {},
         tr("Controls panel: type the rule")},
        {QStringLiteral("setTopology"),
         {QStringLiteral("topology")},
         {},
         tr("Controls panel: choose the topology")},
        {QStringLiteral("setOptions"),
         {},
         {QStringLiteral("showAges"), QStringLiteral("showGrid"),
          QStringLiteral("generationsPerStep"), QStringLiteral("stepsPerSecond"),
          QStringLiteral("stopWhenStable"), QStringLiteral("engine")},
         tr("Controls panel: set the options")},
        {QStringLiteral("randomSoup"),
         {},
         {QStringLiteral("width"), QStringLiteral("height"), QStringLiteral("density"),
          QStringLiteral("seed")},
         tr("Controls panel: board size, density and seed, then Random soup")},
        {QStringLiteral("run"),
         {QStringLiteral("generations")},
         {},
         tr("Controls panel: set N and press Step N")},
        {QStringLiteral("play"), {}, {}, tr("Press Play (Space)")},
        {QStringLiteral("pause"), {}, {}, tr("Press Pause (Space)")},
        {QStringLiteral("fitView"), {}, {}, tr("View: fit the board (double-click)")},
    };
}

bool LifeLab::applyTourAction(const QString& name, const QJsonObject& args, QString* error) {
    LifeSettings s = m_model->settings();
    if (name == QLatin1String("loadPattern")) {
        const std::string id = args.value(QLatin1String("pattern")).toString().toStdString();
        const life::LibraryPattern* p = life::PatternLibrary::instance().find(id);
        if (!p)
            return fail(error, tr("no bundled pattern '%1'").arg(QString::fromStdString(id)));
        qint64 w = std::max<qint64>(64, 2 * qint64(p->width()));
        qint64 h = std::max<qint64>(64, 2 * qint64(p->height()));
        if (!intArg(args, "width", p->width(), life::Board::kMaxSide, &w, error) ||
            !intArg(args, "height", p->height(), life::Board::kMaxSide, &h, error) ||
            !topologyArg(args, &s.topology, error))
            return false;
        s.rule = QString::fromStdString(p->pattern.rule.rule.toString());
        if (args.contains(QLatin1String("rule"))) {
            try {
                s.rule = QString::fromStdString(
                    life::Rule::parse(args.value(QLatin1String("rule")).toString().toStdString())
                        .toString());
            } catch (const std::exception& e) {
                return fail(error, QString::fromUtf8(e.what()));
            }
        }
        pause();
        cancelForEdit();
        life::Board board{std::uint64_t(w), std::uint64_t(h)};
        board.paste(p->pattern.cells, (w - p->width()) / 2, (h - p->height()) / 2);
        undoStack()->beginMacro(tr("Tour: %1").arg(QString::fromStdString(p->name)));
        if (!(s == m_model->settings()))
            undoStack()->push(new SetLifeSettingsCmd(m_model, s, tr("Rule and topology")));
        undoStack()->push(new LifeBoardCmd(m_model, std::move(board), tr("Load pattern")));
        undoStack()->endMacro();
        if (m_canvas)
            m_canvas->fitBoard();
        return true;
    }
    if (name == QLatin1String("setRule")) {
        try {
            s.rule = QString::fromStdString(
                life::Rule::parse(args.value(QLatin1String("rule")).toString().toStdString())
                    .toString());
        } catch (const std::exception& e) {
            return fail(error, QString::fromUtf8(e.what()));
        }
        cancelForEdit();
        undoStack()->push(new SetLifeSettingsCmd(m_model, s, tr("Rule %1").arg(s.rule)));
        return true;
    }
    if (name == QLatin1String("setTopology")) {
        if (!topologyArg(args, &s.topology, error))
            return false;
        cancelForEdit();
        undoStack()->push(new SetLifeSettingsCmd(m_model, s, tr("Topology")));
        return true;
    }
    if (name == QLatin1String("setOptions")) {
        qint64 gps = s.generationsPerStep, sps = s.stepsPerSecond;
        if (!intArg(args, "generationsPerStep", 1, 1000000, &gps, error) ||
            !intArg(args, "stepsPerSecond", 1, 240, &sps, error))
            return false;
        s.generationsPerStep = int(gps);
        s.stepsPerSecond = int(sps);
        s.showAges = args.value(QLatin1String("showAges")).toBool(s.showAges);
        s.showGrid = args.value(QLatin1String("showGrid")).toBool(s.showGrid);
        s.stopWhenStable = args.value(QLatin1String("stopWhenStable")).toBool(s.stopWhenStable);
        if (args.contains(QLatin1String("engine"))) {
            const QString engine = args.value(QLatin1String("engine")).toString();
            if (engine != QLatin1String("naive") && engine != QLatin1String("bitpacked") &&
                engine != QLatin1String("gpu"))
                return fail(error, tr("'engine' is naive, bitpacked or gpu"));
            s.engine = engine;
        }
        undoStack()->push(new SetLifeSettingsCmd(m_model, s, tr("Options")));
        return true;
    }
    if (name == QLatin1String("randomSoup")) {
        qint64 w = m_model->board().width(), h = m_model->board().height();
        qint64 seed = qint64(s.seed);
        if (!intArg(args, "width", 1, life::Board::kMaxSide, &w, error) ||
            !intArg(args, "height", 1, life::Board::kMaxSide, &h, error) ||
            !intArg(args, "seed", 0, qint64(1) << 52, &seed, error))
            return false;
        const double density = args.value(QLatin1String("density")).toDouble(s.soupDensity);
        if (!(density >= 0.0 && density <= 1.0))
            return fail(error, tr("'density' must be in [0, 1]"));
        s.soupDensity = density;
        s.seed = quint64(seed);
        if (!(s == m_model->settings()))
            undoStack()->push(new SetLifeSettingsCmd(m_model, s, tr("Soup settings")));
        if (w != qint64(m_model->board().width()) || h != qint64(m_model->board().height()))
            resizeBoard(int(w), int(h));
        randomSoup();
        if (m_canvas)
            m_canvas->fitBoard();
        return true;
    }
    if (name == QLatin1String("run")) {
        qint64 n = 0;
        if (!args.contains(QLatin1String("generations")) ||
            !intArg(args, "generations", 1, qint64(1) << 40, &n, error))
            return fail(error,
                        error && !error->isEmpty() ? *error : tr("'generations' is required"));
        pause();
        runGenerations(std::uint64_t(n), false);
        return true;
    }
    if (name == QLatin1String("play")) {
        play();
        return true;
    }
    if (name == QLatin1String("pause")) {
        pause();
        return true;
    }
    if (name == QLatin1String("fitView")) {
        if (m_canvas)
            m_canvas->fitBoard();
        return true;
    }
    return Lab::applyTourAction(name, args, error);
}

// [SECTION] gallery ------------------------------------------------------------------------------

namespace {

struct MethuselahRun {
    QString name;
    std::vector<double> population;
    std::uint64_t stableAt = 0; // first generation from which the population no longer changes
};

/// Runs a bundled methuselah centred on a large bounded plane with the bit-packed engine and
/// records its population every generation. The plane is large enough that no escaping glider
/// reaches the border within `generations` (gliders move one cell per four generations).
MethuselahRun runMethuselah(const char* id, std::uint64_t generations, const util::TaskContext& ctx,
                            double progressFrom, double progressTo) {
    const life::LibraryPattern& p = life::PatternLibrary::instance().get(id);
    const std::uint64_t side = std::uint64_t(2 * (generations / 4 + 64) + 64);
    life::Board board(side, side);
    board.paste(p.pattern.cells, std::int64_t(side - p.width()) / 2,
                std::int64_t(side - p.height()) / 2);
    auto engine = life::makeCpuEngine("bitpacked");
    engine->setRule(p.pattern.rule.rule);
    engine->setTopology(life::Topology::Plane);
    engine->setBoard(board);
    MethuselahRun run;
    run.name = QString::fromStdString(p.name);
    run.population.reserve(generations + 1);
    run.population.push_back(double(engine->population()));
    for (std::uint64_t g = 1; g <= generations; ++g) {
        engine->step(1);
        run.population.push_back(double(engine->population()));
        if ((g & 63) == 0) {
            ctx.checkCancelled();
            ctx.report(progressFrom +
                       (progressTo - progressFrom) * double(g) / double(generations));
        }
    }
    // Stable = unchanged over the last 100 generations (period-2 oscillators such as blinkers
    // keep the population constant, so this finds the end of the evolution).
    std::uint64_t stable = generations;
    while (stable > 0 && run.population[stable - 1] == run.population.back())
        --stable;
    run.stableAt = (generations - stable >= 100) ? stable : 0;
    return run;
}

} // namespace

QList<GalleryFigure> LifeLab::galleryFigures() const {
    GalleryFigure methuselahs;
    methuselahs.id = QStringLiteral("life-methuselah-population");
    methuselahs.title = QStringLiteral("Methuselahs: population against generation");
    methuselahs.caption = QStringLiteral(
        "Three small patterns with long, chaotic lives under B3/S23: the R-pentomino, acorn "
        "and diehard, each started alone in the middle of a plane large enough that escaping "
        "gliders never reach the border, advanced with the bit-packed engine. The R-pentomino "
        "settles at generation 1103 and acorn at 5206 (LifeWiki); diehard vanishes at 130.");
    methuselahs.make = [](const util::TaskContext& ctx) {
        std::vector<MethuselahRun> runs;
        runs.push_back(runMethuselah("diehard", 400, ctx, 0.0, 0.02));
        runs.push_back(runMethuselah("r-pentomino", 1400, ctx, 0.02, 0.12));
        runs.push_back(runMethuselah("acorn", 5600, ctx, 0.12, 1.0));
        FigureDrawing drawing;
        drawing.csv = "series,generation,population\n";
        QStringList facts;
        for (const MethuselahRun& r : runs) {
            for (std::size_t g = 0; g < r.population.size(); ++g)
                drawing.csv += r.name.toUtf8() + ',' + QByteArray::number(qulonglong(g)) + ',' +
                               QByteArray::number(r.population[g], 'f', 0) + '\n';
            facts
                << (r.population.back() == 0
                        ? QStringLiteral("%1 dies out at generation %2").arg(r.name).arg(r.stableAt)
                        : QStringLiteral("%1 stable from generation %2 with %3 cells")
                              .arg(r.name)
                              .arg(r.stableAt)
                              .arg(r.population.back()));
        }
        drawing.details =
            QStringLiteral("Measured: ") + facts.join(QStringLiteral("; ")) + QStringLiteral(".");
        drawing.paint = paintPlot([runs](QCustomPlot& plot) {
            applyGalleryStyle(plot);
            int i = 0;
            for (const MethuselahRun& r : runs) {
                QCPGraph* g = plot.addGraph();
                g->setName(r.name);
                g->setPen(QPen(seriesColor(i++), 1.6));
                QVector<double> x(qsizetype(r.population.size()));
                for (qsizetype k = 0; k < x.size(); ++k)
                    x[k] = double(k);
                g->setData(x, QVector<double>(r.population.begin(), r.population.end()), true);
            }
            plot.xAxis->setLabel(QStringLiteral("generation"));
            plot.yAxis->setLabel(QStringLiteral("population (live cells)"));
            plot.rescaleAxes();
            plot.yAxis->setRange(0, plot.yAxis->range().upper * 1.05);
        });
        return drawing;
    };
    return {methuselahs};
}

} // namespace algoscope::ui
