// The options of a choice question as big buttons, one touch answers. Many short options
// (the districts of a city) go in three columns; a few, with a second line each, in one.
// The earlier answer (when the citizen came back) is ticked: never colour alone.
import QtQuick

Grid {
    id: list
    property var options: []            // [{code, label, detail, selected}]
    signal chosen(string code)

    columns: options.length > 4 ? 3 : 1
    spacing: theme.spacing / 2

    Repeater {
        model: list.options
        delegate: BigButton {
            objectName: "option_" + modelData.code
            width: (list.width - (list.columns - 1) * list.spacing) / list.columns
            // Many options: a little lower, so that four rows fit in elder mode too.
            implicitHeight: list.options.length > 4 ? theme.buttonHeight * 0.8
                                                    : theme.buttonHeight
            label: (modelData.selected ? "✓ " : "") + modelData.label
            detail: modelData.detail
            secondary: modelData.selected
            onClicked: list.chosen(modelData.code)
        }
    }
}
