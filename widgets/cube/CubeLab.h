#pragma once
// The Q* cube lab: a 3-D cube that follows a scramble as you type it (or turn it with the
// keyboard), solved by Q*, A* (the same deep Q-network) or, for the 2x2x2, the exact optimal
// solver; the solution plays back with play/pause/step and speed control, and the statistics
// show what Q*'s paper is about: nodes generated, expanded, network calls, time.
#include "Lab.h"

#include "cube/Cube.h"
#include "cube/Search.h"

#include <memory>
#include <optional>

class QTimer;

namespace algoscope::cube {
class QNetwork;
}

namespace algoscope::ui {

class CubeView;

struct CubeSolveStats {
    QString method;
    cube::SearchResult result;
    std::optional<int> optimalLength; // 2x2x2: from the exact table
};

class CubeLab : public Lab {
    Q_OBJECT
public:
    CubeLab();
    ~CubeLab() override;

    QString id() const override { return QStringLiteral("cube"); }
    QString title() const override { return tr("Q* cube"); }
    QIcon icon() const override;
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    QList<QAction*> fileActions() override { return m_fileActions; }
    Exportable* defaultExportable() override;
    void activate() override;
    void togglePlay() override;

    QList<TourActionSpec> tourActions() const override;
    bool applyTourAction(const QString& name, const QJsonObject& args, QString* error) override;
    QList<GalleryFigure> galleryFigures() const override; // CubeGallery.cpp

    int size() const { return m_size; }
    QString scramble() const { return m_scramble; }
    const std::vector<cube::Move>& solution() const { return m_solution; }
    int playbackPosition() const { return m_position; }
    bool isPlaying() const { return m_playing; }
    const std::optional<CubeSolveStats>& stats() const { return m_stats; }
    QString modelName() const { return m_modelName; }
    /// The cube after the scramble and the first playbackPosition() solution moves.
    cube::Cube currentCube() const;

    // Commands (undoable where they edit: size and scramble).
    void setSize(int n);
    /// false (and a message) when the notation is invalid; the cube keeps its last valid state.
    bool setScramble(const QString& text, QString* error = nullptr);
    void randomScramble(int moves, quint64 seed);
    void applyUserMove(const cube::Move& m);
    void solve(const QString& method, int batch, double lambda);
    bool openModel(const QString& path, QString* error);
    /// The network Q* and A* solve with (nullptr: none yet), e.g. one trained in the lab.
    void setModel(std::shared_ptr<cube::QNetwork> model, const QString& name);
    std::shared_ptr<const cube::QNetwork> model() const { return m_model; }
    void play();
    void pause();
    void stepForward();
    void stepBack();
    void seek(int position);
    void setSpeed(int movesPerSecond);

    /// Used by the undo command.
    void applyState(int size, const QString& scramble);

Q_SIGNALS:
    void stateChanged();
    void solutionChanged();
    void playbackChanged();

private:
    void showPosition(bool animateLast);

    int m_size = 3;
    QString m_scramble;
    std::vector<cube::Move> m_scrambleMoves;
    std::vector<cube::Move> m_solution;
    int m_position = 0;
    bool m_playing = false;
    int m_speed = 3;
    std::optional<CubeSolveStats> m_stats;
    std::shared_ptr<cube::QNetwork> m_model;
    QString m_modelName;
    bool m_modelShipped = false; // m_model is the shipped network for its size
    CubeView* m_view = nullptr;
    QList<QAction*> m_fileActions;
};

} // namespace algoscope::ui
