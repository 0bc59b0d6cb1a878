#pragma once
// The neighbourhood-attention lab (NATTEN semantics; Hassani et al., "Faster Neighborhood
// Attention", NeurIPS 2024): an explorer of which keys each query sees (and which queries see a
// key) on a 1-D strip or 2-D grid, the n x n attention mask, per-implementation counters, and a
// benchmark of every implementation against kernel size. Settings are edited through the undo
// stack; all computation is in core (attention/, gpu/GpuAttention) on the task runner.
#include "Lab.h"

namespace algoscope::ui {

class AttentionBenchPanel;
class AttentionCountersPanel;
class AttentionExplorerView;
class AttentionMaskView;
class AttentionModel;

class AttentionLab : public Lab {
    Q_OBJECT
public:
    AttentionLab();
    ~AttentionLab() override;

    QString id() const override { return QStringLiteral("attention"); }
    QString title() const override { return tr("Neighborhood attention"); }
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    Exportable* defaultExportable() override;
    void activate() override;
    QJsonObject saveState() const override;
    void restoreState(const QJsonObject& state) override;
    // Teaching (AttentionLabTour.cpp): tour actions through the undo stack, gallery figures.
    QList<TourActionSpec> tourActions() const override;
    bool applyTourAction(const QString& name, const QJsonObject& args, QString* error) override;
    QList<GalleryFigure> galleryFigures() const override;

    AttentionModel* model() const { return m_model; }
    AttentionExplorerView* explorer() const { return m_explorer; }
    AttentionMaskView* maskView() const { return m_mask; }
    AttentionCountersPanel* countersPanel() const { return m_counters; }
    AttentionBenchPanel* benchPanel() const { return m_bench; }
    /// Selects a position (an undoable edit), as a click on the explorer does.
    void selectPosition(int row, int column);
    /// Runs the benchmark sweep on the task runner (cancels a running one).
    void runBenchmark();

private:
    AttentionModel* m_model;
    AttentionExplorerView* m_explorer = nullptr;
    AttentionMaskView* m_mask = nullptr;
    AttentionCountersPanel* m_counters = nullptr;
    AttentionBenchPanel* m_bench = nullptr;
    bool m_activated = false;
};

} // namespace algoscope::ui
