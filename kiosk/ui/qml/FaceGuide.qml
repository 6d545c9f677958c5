// The face step: the citizen, live, in an oval frame under the camera (a head and
// shoulders until the first frame) and the live instruction of the quality gate, large. Green with a tick once a photo passed.
import QtQuick

Item {
    id: guide
    property string prompt: ""       // e.g. "请靠近一点"
    property bool passed: false
    property string source: ""       // the live preview (image://facepreview/<n>), or none
    implicitHeight: width * 1.05

    Rectangle {
        id: lens
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top }
        width: parent.width * 0.12; height: width; radius: width / 2
        color: theme.text
        Rectangle {
            anchors.centerIn: parent
            width: parent.width * 0.45; height: width; radius: width / 2
            color: "#5B7FA6"
        }
    }
    Rectangle {
        id: frame
        anchors { horizontalCenter: parent.horizontalCenter; top: lens.bottom; topMargin: 16 }
        width: parent.width * 0.62; height: width * 1.25; radius: width / 2
        color: "#EAF2FB"
        border.color: guide.passed ? "#1E6B3A" : theme.primary; border.width: 8
        // The citizen, live and mirrored, in the oval (the corners outside it are made
        // transparent by kiosk/core/camera_preview.py); the silhouette until the first
        // frame, and when there is no camera.
        Image {
            id: live
            objectName: "facePreview"
            anchors.fill: parent; anchors.margins: parent.border.width
            visible: guide.source !== ""
            source: guide.source
            cache: false
            fillMode: Image.Stretch
        }
        Rectangle {
            visible: !live.visible
            anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: parent.height * 0.16 }
            width: parent.width * 0.48; height: width * 1.2; radius: width / 2
            color: "#C9D6E6"
        }
        Rectangle {
            visible: !live.visible
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: parent.height * 0.06 }
            width: parent.width * 0.72; height: parent.height * 0.22; radius: height / 2
            color: "#C9D6E6"
        }
        Text {
            anchors.centerIn: parent
            visible: guide.passed
            text: "✓"
            color: "#1E6B3A"; font.pointSize: theme.hugeSize; font.bold: true
        }
    }
    Text {
        objectName: "faceGuidance"
        anchors { left: parent.left; right: parent.right; top: frame.bottom; topMargin: 16 }
        visible: text !== ""
        horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
        text: guide.prompt
        color: guide.passed ? "#1E6B3A" : theme.primary
        font.pointSize: theme.titleSize + 6; font.bold: true
    }
}
