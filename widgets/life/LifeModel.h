#pragma once
// The Life lab's document: the board shown on the canvas (the truth the engine is loaded from),
// the starting board that Reset returns to, the settings the panels edit, the statistics of the
// run, and the population history for the plot. Edits come through undo commands
// (LifeCommands.h); the simulation (LifeLab) replaces the board with engine snapshots.
#include "life/Board.h"
#include "life/Rule.h"
#include "life/Topology.h"

#include <QJsonObject>
#include <QObject>
#include <QRect>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace algoscope::ui {

struct LifeSettings {
    QString rule = QStringLiteral("B3/S23");
    life::Topology topology = life::Topology::Torus;
    QString engine = QStringLiteral("bitpacked"); // "naive", "bitpacked" or "gpu"
    int generationsPerStep = 1;                   // generations per displayed frame
    int stepsPerSecond = 30;                      // frames per second while playing
    int stepN = 100;                              // the "Step N" button
    bool showGrid = true;
    bool showAges = false;
    bool stopWhenStable = false;
    double soupDensity = 0.35;
    quint64 seed = 1;

    bool operator==(const LifeSettings&) const = default;
    QJsonObject toJson() const;
    static LifeSettings fromJson(const QJsonObject& o);
};

class LifeModel : public QObject {
    Q_OBJECT
public:
    explicit LifeModel(QObject* parent = nullptr);

    const LifeSettings& settings() const { return m_settings; }
    void setSettings(const LifeSettings& s);
    /// The parsed rule of settings().rule (settings only ever hold a valid rule).
    life::Rule rule() const;

    const life::Board& board() const { return m_board; }
    /// Direct access for edit commands; call notifyBoardEdited() afterwards.
    life::Board& mutableBoard() { return m_board; }
    void notifyBoardEdited(const QRect& cells);
    /// A new board (new size or file): generation 0, becomes the starting board, history cleared.
    void loadBoard(life::Board board);
    /// An engine snapshot after stepping.
    void setSnapshot(life::Board board, std::uint64_t generation, double engineSeconds,
                     std::uint64_t generationsRun);
    /// Back to the starting board.
    void reset();
    /// Makes the current board the one Reset returns to.
    void markStart();

    std::uint64_t generation() const { return m_generation; }
    std::uint64_t population() const { return m_population; }
    /// Cell updates per second of the engine alone over the last run (0 before any).
    double engineCellUpdatesPerSecond() const { return m_engineRate; }
    /// Generations per second as displayed (wall clock, includes drawing).
    double displayedGenerationsPerSecond() const { return m_displayRate; }
    std::optional<std::uint32_t> period() const { return m_period; }
    /// Boards up to this many cells are scanned for ages and the bounding box (2 MiB of bits).
    static constexpr std::uint64_t kMaxScanCells = std::uint64_t(1) << 24;
    /// Smallest rectangle of live cells, computed once per board change (an outer nullopt means
    /// the board is too large to scan per frame; an inner one, an empty board).
    std::optional<std::optional<life::CellRect>> boundingBox() const;
    void setPeriod(std::optional<std::uint32_t> p);

    /// Per-cell age in frames (saturating at 255), kept only while settings().showAges.
    const std::vector<std::uint8_t>& ages() const { return m_ages; }

    /// (generation, population) samples; at most kMaxHistory, thinned by halves beyond.
    const std::vector<std::pair<double, double>>& history() const { return m_history; }
    static constexpr std::size_t kMaxHistory = 20000;

    /// Selection in cells (empty when none).
    QRect selection() const { return m_selection; }
    void setSelection(const QRect& r);

    /// True when the board changed since the engine last loaded it.
    bool engineStale() const { return m_engineStale; }
    void setEngineStale(bool s) { m_engineStale = s; }

Q_SIGNALS:
    void settingsChanged();
    void boardChanged(const QRect& dirtyCells); // a null rect means "everything"
    void statsChanged();
    void selectionChanged();

private:
    void restartRun();
    void updateAges(bool restart);
    void appendHistory();
    LifeSettings m_settings;
    life::Board m_board;
    life::Board m_start;
    std::uint64_t m_generation = 0;
    std::uint64_t m_population = 0;
    double m_engineRate = 0;
    double m_displayRate = 0;
    std::int64_t m_lastSnapshotNs = 0;
    std::optional<std::uint32_t> m_period;
    mutable std::optional<std::optional<life::CellRect>> m_bbox; // cache of boundingBox()
    std::vector<std::uint8_t> m_ages;
    std::vector<std::pair<double, double>> m_history;
    QRect m_selection;
    bool m_engineStale = true;
};

} // namespace algoscope::ui
