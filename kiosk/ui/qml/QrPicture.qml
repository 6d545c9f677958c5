// A phone showing a QR code, held up to the camera.
import QtQuick

Item {
    id: picture
    property bool running: true
    implicitHeight: width * 0.9

    // The camera, top centre.
    Rectangle {
        id: lens
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top }
        width: parent.width * 0.16; height: width; radius: width / 2
        color: theme.text
        Rectangle {
            anchors.centerIn: parent
            width: parent.width * 0.45; height: width; radius: width / 2
            color: "#5B7FA6"
        }
    }
    Text {
        anchors { left: lens.right; leftMargin: 16; verticalCenter: lens.verticalCenter }
        text: qsTr("摄像头")
        color: theme.text; font.pointSize: theme.labelSize
    }
    Rectangle {
        id: phone
        width: parent.width * 0.42; height: width * 1.75; radius: 24
        x: (parent.width - width) / 2
        color: theme.text
        Rectangle {     // the screen, with a QR-like pattern
            anchors { fill: parent; margins: 12; topMargin: 28; bottomMargin: 28 }
            radius: 8; color: "white"
            Grid {
                anchors.centerIn: parent
                columns: 7; rows: 7
                Repeater {
                    // A fixed pattern with the three finder squares' corners dark.
                    model: [1,1,1,0,1,1,1, 1,0,1,1,1,0,1, 1,1,1,0,1,1,1, 0,1,0,1,0,1,0,
                            1,1,1,0,0,1,1, 1,0,1,1,0,1,0, 1,1,1,0,1,0,1]
                    Rectangle {
                        width: phone.width * 0.1; height: width
                        color: modelData ? theme.text : "white"
                    }
                }
            }
        }
        SequentialAnimation on y {
            loops: Animation.Infinite
            running: picture.running
            NumberAnimation { from: picture.height - phone.height; to: lens.height + 24; duration: 1400; easing.type: Easing.InOutQuad }
            PauseAnimation { duration: 800 }
        }
    }
}
