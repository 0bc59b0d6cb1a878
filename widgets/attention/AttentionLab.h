#pragma once
// The neighbourhood-attention lab (NATTEN semantics; Hassani et al., "Faster Neighborhood
// Attention", NeurIPS 2024): an explorer of which keys each query sees (and which queries see a
// key) on a 1-D strip or 2-D grid, the n x n attention mask, per-implementation counters, and a
// benchmark of every implementation against kernel size, and the weights of a query over a real
// image (the bundled photo) against full attention's. Settings are edited through the undo
// stack; all computation is in core (attention/, gpu/GpuAttention) on the task runner.
#include "Lab.h"

#include "attention/NaImage.h"

#include <optional>

namespace algoscope::ui {

class AttentionBenchPanel;
class AttentionCountersPanel;
class AttentionExplorerView;
class AttentionImageView;
class AttentionMaskView;
class AttentionModel;
class TaskRunner;

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
    AttentionImageView* imageView() const { return m_imageView; }
    /// The image heatmap's own runner (so a benchmark and the heatmap do not cancel each other).
    TaskRunner* imageRunner() const { return m_imageRunner; }
    /// Selects the heatmap's query pixel (an undoable edit), as a click on the image does.
    void selectImagePixel(int row, int column);
    /// Selects a position (an undoable edit), as a click on the explorer does.
    void selectPosition(int row, int column);
    /// Runs the benchmark sweep on the task runner (cancels a running one).
    void runBenchmark();

private:
    /// Recomputes the image heatmap's scores when its 2-D parameters changed.
    void updateImageAttention();

    AttentionModel* m_model;
    TaskRunner* m_imageRunner;
    attention::RgbImage m_photo;
    std::optional<attention::NaParams> m_imageParams; // of the last heatmap run
    AttentionImageView* m_imageView = nullptr;
    AttentionExplorerView* m_explorer = nullptr;
    AttentionMaskView* m_mask = nullptr;
    AttentionCountersPanel* m_counters = nullptr;
    AttentionBenchPanel* m_bench = nullptr;
    bool m_activated = false;
};

} // namespace algoscope::ui
