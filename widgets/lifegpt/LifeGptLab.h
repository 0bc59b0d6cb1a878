#pragma once
// The LifeGPT lab: does a transformer that is told nothing about grids or wrap-around learn the
// Game of Life from examples? The central view puts the engine's true next state beside the
// model's prediction, cell by cell, with the model's confidence and, on hover, where an
// attention head looks. Panels roll the model out on its own predictions (ARAR), evaluate it by
// initial density (the paper's figure), and train a new model with our own trainer.
#include "Lab.h"

#include "lifegpt/LifeGpt.h"

#include <memory>
#include <optional>

namespace algoscope::ui {

class LifeGptBoardsView;

class LifeGptLab : public Lab {
    Q_OBJECT
public:
    LifeGptLab();
    ~LifeGptLab() override;

    QString id() const override { return QStringLiteral("lifegpt"); }
    QString title() const override { return tr("LifeGPT"); }
    QIcon icon() const override;
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    QList<QAction*> fileActions() override { return m_fileActions; }
    Exportable* defaultExportable() override;
    void activate() override;

    QList<TourActionSpec> tourActions() const override;
    bool applyTourAction(const QString& name, const QJsonObject& args, QString* error) override;
    QList<GalleryFigure> galleryFigures() const override;

    // State.
    std::shared_ptr<const lifegpt::LifeGptModel> model() const { return m_model; }
    QString modelDescription() const;
    const life::Board& board() const { return m_board; }
    const std::optional<lifegpt::LifeGptModel::Prediction>& prediction() const {
        return m_prediction;
    }
    int attentionLayer() const { return m_layer; }
    int attentionHead() const { return m_head; }

    // Commands (panels call these).
    bool openModel(const QString& path, QString* error);
    /// File names of the models shipped in resources/models (docs/models/ has their cards).
    static QStringList shippedModelNames();
    /// Loads a shipped model by file name; false with *error when there is no such model.
    bool useShippedModel(const QString& name, QString* error);
    /// The loaded model's origin: a shipped or opened file name, or how it was made.
    const QString& modelOrigin() const { return m_modelOrigin; }
    bool saveModel(const QString& path, QString* error);
    /// Undoable: a new input board (must be grid x grid).
    void setBoard(const life::Board& board, const QString& what);
    void toggleCell(int x, int y);
    void placePattern(const QString& id);
    void randomBoard(double density, quint64 seed);
    void setAttentionHead(int layer, int head);
    void predict();
    void runRollout(int steps);
    /// Accuracy on `boards` held-out boards. gpu: decode on the GPU (gpu::GpuLifeGpt in a headless
    /// context on the task's thread); without OpenGL 4.3, or when the model exceeds the driver's
    /// limits, the CPU evaluates and the status bar says why.
    void runEvaluation(int boards, quint64 seed, bool gpu = false);
    /// LifeGPT's lesson about training data: the shipped broad- and high-entropy models (same
    /// grid, architecture and steps) evaluated on the same held-out boards.
    struct DataComparison {
        QString broadModel, highModel;
        lifegpt::Evaluation broad, high;
    };
    void runDataComparison(int boards, quint64 seed);
    void train(const lifegpt::TrainConfig& config);

    /// Used by the undo command: sets the board without pushing a command.
    void applyBoard(const life::Board& board);

Q_SIGNALS:
    void modelChanged();
    void predictionChanged();
    void rolloutFinished(const lifegpt::Rollout& rollout);
    /// engine: what evaluated, e.g. "CPU" or "GPU (llvmpipe ...)".
    void evaluationFinished(const lifegpt::Evaluation& evaluation, const QString& engine);
    void dataComparisonFinished(const algoscope::ui::LifeGptLab::DataComparison& comparison);
    void trainingProgress(const lifegpt::TrainProgress& progress);

private:
    void setModel(std::shared_ptr<lifegpt::LifeGptModel> model, const QString& origin);
    void showAttention(int outputCell);
    void refreshView();

    std::shared_ptr<lifegpt::LifeGptModel> m_model;
    QString m_modelOrigin;
    life::Board m_board;
    std::optional<life::Board> m_truth;
    std::optional<lifegpt::LifeGptModel::Prediction> m_prediction;
    int m_layer = 0, m_head = 0;
    LifeGptBoardsView* m_view = nullptr;
    QList<QAction*> m_fileActions;
    bool m_activated = false;
};

} // namespace algoscope::ui
