#pragma once
// Q* against A* over a batch of scrambles, in the background: up to three Q-networks (the
// shipped cube-2-rc12/156/1884 models when they are embedded, else any file or the lab's
// network), the same states for every network and both methods, and per network and method the
// solved fraction, mean solution length, mean nodes generated and mean time, as a table and as a
// log-log plot of nodes and seconds against the action-space size: the Q* paper's point is that
// A*'s cost grows with the number of actions and Q*'s barely does. The search loop is core's
// (cube/Compare.h), shared with `algoscope-cli cube compare`.
#include "Panel.h"

#include "cube/Compare.h"

#include <QStringList>

#include <array>
#include <memory>
#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace algoscope::cube {
class QNetwork;
}

namespace algoscope::ui {

class CubeLab;
class PlotView;

struct CubeCompareSettings {
    int scrambles = 20;
    int depth = 8;            // random quarter turns per scramble
    bool randomState = false; // 2x2x2: uniformly random states instead
    int batch = 100;
    double lambda = 0.6;
    qint64 maxNodes = 1'000'000; // per search
    double seconds = 30;         // per search
    int seed = 1;
};

class CubeComparePanel : public Panel {
    Q_OBJECT
public:
    static constexpr int kSlots = 3;
    CubeComparePanel(CubeLab* lab, QWidget* parent = nullptr);

    /// Puts a network in slot 0..2 (nullptr empties it).
    void setModel(int slot, std::shared_ptr<const cube::QNetwork> model, const QString& name);
    bool openModel(int slot, const QString& path, QString* error);
    std::shared_ptr<const cube::QNetwork> model(int slot) const;

    CubeCompareSettings settings() const;
    void setSettings(const CubeCompareSettings& s);

    /// Runs the comparison (the Run button); a message instead when no network is chosen or the
    /// networks are for different cube sizes.
    void run();
    void cancel();
    bool isRunning() const { return m_running; }

    /// The last finished comparison: its states and one row per network and method.
    const std::vector<cube::Cube>& states() const { return m_states; }
    const std::vector<cube::MethodSummary>& rows() const { return m_rows; }
    const QStringList& rowModels() const { return m_rowModels; }
    QTableWidget* table() const { return m_table; }
    PlotView* plotView() const { return m_plot; }

Q_SIGNALS:
    void comparisonFinished(bool cancelled);

private:
    void showModels();
    void showResults();

    CubeLab* m_lab;
    std::array<std::shared_ptr<const cube::QNetwork>, kSlots> m_models;
    std::array<QString, kSlots> m_modelNames;
    std::array<QLabel*, kSlots> m_modelLabels{};
    QSpinBox *m_scrambles, *m_depth, *m_batch, *m_maxNodes, *m_seed;
    QCheckBox* m_randomState;
    QDoubleSpinBox *m_lambda, *m_seconds;
    QPushButton *m_run, *m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QTableWidget* m_table;
    PlotView* m_plot;
    bool m_running = false;
    std::vector<cube::Cube> m_states;
    std::vector<cube::MethodSummary> m_rows;
    QStringList m_rowModels;
};

} // namespace algoscope::ui
