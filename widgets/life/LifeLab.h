#pragma once
// The Life lab: Conway's Game of Life and Life-like rules on a torus or a bounded plane, run by
// the naive, bit-packed (SIMD + OpenMP) or GPU engine, drawn on an OpenGL canvas, edited with the
// mouse (undoable), with Golly-compatible files and a pattern library.
#include "Lab.h"

#include "life/Board.h"

#include <QElapsedTimer>
#include <QPoint>
#include <QSize>

#include <memory>
#include <vector>

class QAction;
class QStackedWidget;
class QTimer;

namespace algoscope::ui {

class LifeCanvas;
class LifeModel;
class LifeSimulator;
class LifeUniverse;
class LifeUniverseView;
class PlotView;

class LifeLab : public Lab {
    Q_OBJECT
public:
    LifeLab();
    ~LifeLab() override;

    QString id() const override { return QStringLiteral("life"); }
    QString title() const override { return tr("Life"); }
    QIcon icon() const override;
    QString paperReference() const override;
    QWidget* createCentralView(QWidget* parent) override;
    QList<Panel*> createPanels(QWidget* parent) override;
    QList<QAction*> labActions() override { return m_actions; }
    QList<QAction*> fileActions() override { return m_fileActions; }
    Exportable* defaultExportable() override;
    void activate() override;
    QJsonObject saveState() const override;
    void restoreState(const QJsonObject& state) override;
    // Teaching (LifeLabTour.cpp): tour actions and the gallery's Life figures.
    QList<TourActionSpec> tourActions() const override;
    bool applyTourAction(const QString& name, const QJsonObject& args, QString* error) override;
    QList<GalleryFigure> galleryFigures() const override;

    LifeModel* model() const { return m_model; }
    LifeCanvas* canvas() const { return m_canvas; }
    /// The unbounded plane (topology "unbounded"): HashLife universe and its canvas.
    LifeUniverse* universe() const { return m_universe; }
    LifeUniverseView* universeView() const { return m_universeView; }
    bool isPlaying() const { return m_playing; }

    // Commands the panels and actions call.
    void play();
    void pause();
    void togglePlay() override;
    void stepOnce();
    void stepN();
    void reset();
    void randomSoup();
    void resizeBoard(int width, int height);
    void clearSelection();
    void
    transformSelection(int kind); // 0 rotate cw, 1 rotate ccw, 2 flip left-right, 3 flip top-bottom
    void randomFillSelection();
    void copySelection();
    void paste();
    void selectAll();
    void beginPlacement(const life::Board& pattern, const QString& what);
    bool openPattern(const QString& path, QString* error);
    bool savePattern(const QString& path, QString* error);

Q_SIGNALS:
    void playingChanged(bool playing);

private:
    void createActions();
    void runGenerations(std::uint64_t generations, bool fromPlay);
    void scheduleNextFrame();
    void cancelForEdit();
    void onStroke(QPoint cell, bool start);
    void finishStroke();
    void place(QPoint topLeft);
    void updatePlot();
    life::Board selectionCells() const;
    /// False (with a hint in the status bar) when nothing is selected.
    bool requireSelection();

    /// Shows the bounded canvas or the unbounded view, following the topology setting.
    void applyTopologyMode();

    LifeModel* m_model;
    std::shared_ptr<LifeSimulator> m_sim;
    LifeCanvas* m_canvas = nullptr;
    LifeUniverse* m_universe = nullptr;
    LifeUniverseView* m_universeView = nullptr;
    Panel* m_universePanel = nullptr;
    QStackedWidget* m_centralStack = nullptr;
    bool m_unboundedShown = false;
    PlotView* m_plot = nullptr;
    QList<QAction*> m_actions;
    QList<QAction*> m_fileActions;
    QAction* m_playAction = nullptr;
    QTimer* m_frameTimer;
    QTimer* m_plotTimer;
    QElapsedTimer m_lastFrame;
    bool m_playing = false;
    bool m_cancelledForEdit = false;
    bool m_activated = false;
    QSize m_lastBoardSize;
    // pen stroke in progress
    bool m_strokeAlive = true;
    QPoint m_lastStrokeCell;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_strokeCells;
    std::vector<bool> m_strokeBefore;
    life::Board m_clipboard;
    life::Board m_placement;
    QString m_placementName;
};

} // namespace algoscope::ui
