#include "LifeModel.h"

#include "util/Error.h"

#include <QElapsedTimer>

#include <chrono>

namespace algoscope::ui {

namespace {
// Ages cost a byte and a pass per cell per frame: only for boards up to this many cells.
constexpr std::uint64_t kMaxAgeCells = LifeModel::kMaxScanCells;

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

QJsonObject LifeSettings::toJson() const {
    return {{QStringLiteral("rule"), rule},
            {QStringLiteral("topology"), QString::fromUtf8(life::topologyName(topology).data())},
            {QStringLiteral("engine"), engine},
            {QStringLiteral("generationsPerStep"), generationsPerStep},
            {QStringLiteral("stepsPerSecond"), stepsPerSecond},
            {QStringLiteral("stepN"), stepN},
            {QStringLiteral("showGrid"), showGrid},
            {QStringLiteral("showAges"), showAges},
            {QStringLiteral("stopWhenStable"), stopWhenStable},
            {QStringLiteral("soupDensity"), soupDensity},
            {QStringLiteral("seed"), double(seed)}};
}

LifeSettings LifeSettings::fromJson(const QJsonObject& o) {
    // Saved state may be old or hand-edited: anything invalid falls back to the default.
    LifeSettings s;
    const QString rule = o.value(QStringLiteral("rule")).toString(s.rule);
    try {
        s.rule = QString::fromStdString(life::Rule::parse(rule.toStdString()).toString());
    } catch (const util::Error&) {
    }
    if (auto t = life::parseTopology(o.value(QStringLiteral("topology")).toString().toStdString()))
        s.topology = *t;
    const QString engine = o.value(QStringLiteral("engine")).toString(s.engine);
    if (engine == QLatin1String("naive") || engine == QLatin1String("bitpacked") ||
        engine == QLatin1String("gpu"))
        s.engine = engine;
    s.generationsPerStep = std::clamp(
        o.value(QStringLiteral("generationsPerStep")).toInt(s.generationsPerStep), 1, 1 << 20);
    s.stepsPerSecond =
        std::clamp(o.value(QStringLiteral("stepsPerSecond")).toInt(s.stepsPerSecond), 1, 240);
    s.stepN = std::clamp(o.value(QStringLiteral("stepN")).toInt(s.stepN), 1, 1 << 30);
    s.showGrid = o.value(QStringLiteral("showGrid")).toBool(s.showGrid);
    s.showAges = o.value(QStringLiteral("showAges")).toBool(s.showAges);
    s.stopWhenStable = o.value(QStringLiteral("stopWhenStable")).toBool(s.stopWhenStable);
    const double d = o.value(QStringLiteral("soupDensity")).toDouble(s.soupDensity);
    s.soupDensity = (d >= 0 && d <= 1) ? d : s.soupDensity;
    const double seed = o.value(QStringLiteral("seed")).toDouble(1);
    s.seed = seed >= 0 && seed < 9e15 ? quint64(seed) : 1;
    return s;
}

LifeModel::LifeModel(QObject* parent) : QObject(parent) {}

life::Rule LifeModel::rule() const {
    return life::Rule::parse(m_settings.rule.toStdString());
}

void LifeModel::setSettings(const LifeSettings& s) {
    if (s == m_settings)
        return;
    const bool agesToggled = s.showAges != m_settings.showAges;
    m_settings = s;
    if (agesToggled)
        updateAges(true);
    Q_EMIT settingsChanged();
    if (agesToggled)
        Q_EMIT boardChanged(QRect());
}

void LifeModel::notifyBoardEdited(const QRect& cells) {
    m_population = m_board.population();
    m_bbox.reset();
    m_engineStale = true;
    m_period.reset();
    Q_EMIT boardChanged(cells);
    Q_EMIT statsChanged();
}

void LifeModel::loadBoard(life::Board board) {
    m_board = std::move(board);
    m_start = m_board;
    m_selection = QRect();
    m_engineRate = m_displayRate = 0;
    restartRun();
    Q_EMIT selectionChanged();
}

// Generation 0 of the current board: a new board (loadBoard) or the starting one (reset).
void LifeModel::restartRun() {
    m_generation = 0;
    m_population = m_board.population();
    m_bbox.reset();
    m_history.clear();
    m_period.reset();
    m_engineStale = true;
    m_lastSnapshotNs = 0;
    updateAges(true);
    appendHistory();
    Q_EMIT boardChanged(QRect());
    Q_EMIT statsChanged();
}

void LifeModel::setSnapshot(life::Board board, std::uint64_t generation, double engineSeconds,
                            std::uint64_t generationsRun) {
    const std::int64_t now = nowNs();
    const std::uint64_t advanced = generation > m_generation ? generation - m_generation : 0;
    if (m_lastSnapshotNs > 0 && now > m_lastSnapshotNs && advanced > 0) {
        const double rate = double(advanced) * 1e9 / double(now - m_lastSnapshotNs);
        m_displayRate = m_displayRate > 0 ? 0.8 * m_displayRate + 0.2 * rate : rate;
    }
    m_lastSnapshotNs = now;
    if (engineSeconds > 0 && generationsRun > 0)
        m_engineRate = double(generationsRun) * double(board.cellCount()) / engineSeconds;
    m_board = std::move(board);
    m_bbox.reset();
    m_generation = generation;
    m_population = m_board.population();
    m_engineStale = false;
    updateAges(false);
    appendHistory();
    Q_EMIT boardChanged(QRect());
    Q_EMIT statsChanged();
}

void LifeModel::reset() {
    m_board = m_start;
    restartRun();
}

std::optional<std::optional<life::CellRect>> LifeModel::boundingBox() const {
    if (m_board.cellCount() > kMaxScanCells)
        return std::nullopt;
    if (!m_bbox)
        m_bbox = m_board.boundingBox();
    return m_bbox;
}

void LifeModel::markStart() {
    m_start = m_board;
}

void LifeModel::setPeriod(std::optional<std::uint32_t> p) {
    m_period = p;
    Q_EMIT statsChanged();
}

void LifeModel::setSelection(const QRect& r) {
    const QRect bounded = r.intersected(QRect(0, 0, int(m_board.width()), int(m_board.height())));
    if (bounded == m_selection)
        return;
    m_selection = bounded;
    Q_EMIT selectionChanged();
}

void LifeModel::updateAges(bool restart) {
    if (!m_settings.showAges || m_board.cellCount() > kMaxAgeCells) {
        m_ages.clear();
        m_ages.shrink_to_fit();
        return;
    }
    if (restart || m_ages.size() != m_board.cellCount())
        m_ages.assign(m_board.cellCount(), 0);
    const std::uint32_t w = m_board.width();
    for (std::uint32_t y = 0; y < m_board.height(); ++y) {
        const auto row = m_board.row(y);
        std::uint8_t* a = m_ages.data() + std::size_t(y) * w;
        for (std::uint32_t x = 0; x < w; ++x) {
            const bool alive = (row[x >> 6] >> (x & 63)) & 1u;
            a[x] = alive ? std::uint8_t(std::min(255, a[x] + 1)) : 0;
        }
    }
}

void LifeModel::appendHistory() {
    if (m_history.size() >= kMaxHistory) {
        // Keep the whole run visible at half the resolution.
        std::vector<std::pair<double, double>> thinned;
        thinned.reserve(kMaxHistory / 2 + 1);
        for (std::size_t i = 0; i < m_history.size(); i += 2)
            thinned.push_back(m_history[i]);
        m_history = std::move(thinned);
    }
    m_history.emplace_back(double(m_generation), double(m_population));
}

} // namespace algoscope::ui
