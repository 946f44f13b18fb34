<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>FreePlay</name>
    <message>
        <location filename="../core/attacks/freeplay.cpp" line="+237"/>
        <source>Forge the Director&apos;s targets</source>
        <translation>Director-Targets fälschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A man in the middle without keys rewrites the Director&apos;s targets to name an image of its own. Switching it on also publishes and assigns a new release. The snapshot&apos;s hashes give it away.</source>
        <translation>Ein Man-in-the-Middle ohne Schlüssel schreibt die Targets des Directors so um, dass sie ein eigenes Image nennen. Beim Einschalten wird außerdem ein neues Release veröffentlicht und zugewiesen. Die Hashes im Snapshot verraten ihn.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Swap the image</source>
        <translation>Image austauschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A man in the middle serves its own image, exactly as long as the new release it publishes and assigns. The image does not hash to what the signed targets list.</source>
        <translation>Ein Man-in-the-Middle liefert ein eigenes Image aus, genau so lang wie das neue Release, das er veröffentlicht und zuweist. Die Hashes des Images stimmen nicht mit den signierten Targets überein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replay old Director metadata</source>
        <translation>Alte Director-Metadaten wieder einspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker replays Director metadata it recorded before the vehicle&apos;s last update, genuinely signed. Versions never go back: REPLAY.</source>
        <translation>Der Angreifer spielt Director-Metadaten wieder ein, die er vor dem letzten Update des Fahrzeugs aufgezeichnet hat, echt signiert. Versionen gehen nie zurück: REPLAY.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replay old Image Repository metadata</source>
        <translation>Alte Metadaten des Image Repository wieder einspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker replays Image Repository metadata it recorded before the vehicle&apos;s last update. Versions never go back: REPLAY.</source>
        <translation>Der Angreifer spielt Metadaten des Image Repository wieder ein, die er vor dem letzten Update des Fahrzeugs aufgezeichnet hat. Versionen gehen nie zurück: REPLAY.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Freeze the Director&apos;s metadata</source>
        <translation>Metadaten des Directors einfrieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker keeps serving the Director&apos;s metadata as it is now, and a day passes. The frozen timestamp expires at the attested time: FROZEN.</source>
        <translation>Der Angreifer liefert die Metadaten des Directors immer weiter so aus, wie sie jetzt sind, und ein Tag vergeht. Der eingefrorene Timestamp läuft zur bestätigten Zeit ab: EINGEFROREN.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Endless data</source>
        <translation>Endlose Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The download of a new release never ends. The Primary reads no more than the signed length.</source>
        <translation>Der Download eines neuen Release hört nie auf. Die Primary liest nicht mehr als die signierte Länge.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Slow retrieval</source>
        <translation>Langsamer Abruf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new release trickles in at a few bytes per second. Below the minimum speed the Primary gives up the download.</source>
        <translation>Ein neues Release tröpfelt mit ein paar Bytes pro Sekunde herein. Unter der Mindestgeschwindigkeit bricht die Primary den Download ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drop the Director&apos;s metadata</source>
        <translation>Metadaten des Directors verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every request for the Director&apos;s metadata is dropped. Nothing can force a download, but the Primary reports the denial to the Director.</source>
        <translation>Jede Anfrage nach den Metadaten des Directors wird verworfen. Nichts kann einen Download erzwingen, aber die Primary meldet die Verweigerung dem Director.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steal the Director&apos;s online keys</source>
        <translation>Online-Schlüssel des Directors stehlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the Director&apos;s timestamp, snapshot and targets keys the attacker assigns its own image. The Image Repository lists other hashes. Switching it off rotates the keys.</source>
        <translation>Mit den Timestamp-, Snapshot- und Targets-Schlüsseln des Directors weist der Angreifer sein eigenes Image zu. Das Image Repository nennt andere Hashes. Beim Ausschalten werden die Schlüssel rotiert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steal the Image Repository&apos;s online keys</source>
        <translation>Online-Schlüssel des Image Repository stehlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the Image Repository&apos;s online keys the attacker lists its own image under the name of a new release. The Director&apos;s targets still give the real hashes. Switching it off rotates the keys.</source>
        <translation>Mit den Online-Schlüsseln des Image Repository trägt der Angreifer sein eigenes Image unter dem Namen eines neuen Release ein. Die Targets des Directors nennen weiterhin die echten Hashes. Beim Ausschalten werden die Schlüssel rotiert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steal the supplier&apos;s key</source>
        <translation>Schlüssel des Zulieferers stehlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With ACME&apos;s key the attacker re-signs ACME&apos;s role to list its own image under the name of a new release. Without the Director&apos;s keys it cannot make a vehicle install it. Switching it off rotates the keys.</source>
        <translation>Mit dem Schlüssel von ACME signiert der Angreifer die Rolle von ACME neu und trägt sein eigenes Image unter dem Namen eines neuen Release ein. Ohne die Schlüssel des Directors kann er kein Fahrzeug dazu bringen, es zu installieren. Beim Ausschalten werden die Schlüssel rotiert.</translation>
    </message>
    <message>
        <location filename="../core/attacks/freeplay_vehicle.cpp" line="+72"/>
        <source>Compromised Primary: forge metadata</source>
        <translation>Kompromittierte Primary: Metadaten fälschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Primary, in the attacker&apos;s hands, passes the Secondaries Director metadata signed with its own key for a new release. Each Secondary checks the Director&apos;s signatures itself.</source>
        <translation>Die Primary in der Hand des Angreifers gibt den Secondary-ECUs für ein neues Release Director-Metadaten weiter, die mit ihrem eigenen Schlüssel signiert sind. Jede Secondary prüft die Signaturen des Directors selbst.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compromised Primary: alter images</source>
        <translation>Kompromittierte Primary: Images verändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Primary, in the attacker&apos;s hands, flips one bit of the new release it passes to the Secondaries. Each checks the image&apos;s hashes.</source>
        <translation>Die Primary in der Hand des Angreifers kippt ein Bit des neuen Release, das sie an die Secondary-ECUs weitergibt. Jede prüft die Hashes des Images.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tap DOOR&apos;s bus</source>
        <translation>Bus von DOOR abgreifen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tap on the bus rewrites the Director targets sent to DOOR, the partial-verification Secondary, and hands it the attacker&apos;s image. DOOR checks the Director&apos;s signature on its targets.</source>
        <translation>Ein Abgriff am Bus schreibt die an DOOR, die Secondary mit partieller Verifikation, gesendeten Director-Targets um und übergibt ihr das Image des Angreifers. DOOR prüft die Signatur des Directors über ihre Targets.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tamper with the vehicle manifest</source>
        <translation>Fahrzeug-Manifest manipulieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The vehicle manifest is altered on its way to the Director. The Director checks its signatures and refuses it.</source>
        <translation>Das Fahrzeug-Manifest wird auf dem Weg zum Director verändert. Der Director prüft seine Signaturen und lehnt es ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replay an old time attestation</source>
        <translation>Alte Zeitbestätigung wieder einspielen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker replays a genuine attestation of the Time Server from an earlier cycle. It does not list this cycle&apos;s nonces.</source>
        <translation>Der Angreifer spielt eine echte Zeitbestätigung des Time Servers aus einem früheren Zyklus wieder ein. Sie enthält die Nonces dieses Zyklus nicht.</translation>
    </message>
</context>
<context>
    <name>NodeText</name>
    <message>
        <location filename="../widgets/canvas/nodetext.cpp" line="+17"/>
        <source>Director root %1 · targets %2</source>
        <translation>Director Root %1 · Targets %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images root %1 · targets %2</source>
        <translation>Images Root %1 · Targets %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Director targets %1</source>
        <translation>Director Targets %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images targets %1</source>
        <translation>Images Targets %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Director root %1</source>
        <translation>Director Root %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images root %1</source>
        <translation>Images Root %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No image installed</source>
        <translation>Kein Image installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>No cycle yet</source>
        <translation>Noch kein Zyklus</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Last: %1 (%2)</source>
        <translation>Zuletzt: %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last: %1</source>
        <translation>Zuletzt: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cycle %1</source>
        <translation>Zyklus %1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n attestation(s) signed</source>
        <translation>
            <numerusform>%n Zeitbestätigung signiert</numerusform>
            <numerusform>%n Zeitbestätigungen signiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n request(s) served</source>
        <translation>
            <numerusform>%n Anfrage beantwortet</numerusform>
            <numerusform>%n Anfragen beantwortet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manifests: %1 accepted · %2 rejected</source>
        <translation>Manifeste: %1 angenommen · %2 abgelehnt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delegated: signs its own images</source>
        <translation>Delegiert: signiert eigene Images</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (decided by %2)</source>
        <translation>%1 (entschieden von %2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Installed %1</source>
        <translation>%1 installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installed the attacker&apos;s %1: every check passed</source>
        <translation>%1 des Angreifers installiert: Jede Prüfung bestanden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing assigned, nothing installed</source>
        <translation>Nichts zugewiesen, nichts installiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Runs %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing delivered to this ECU</source>
        <translation>Nichts an diese ECU ausgeliefert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No reason reported</source>
        <translation>Kein Grund gemeldet</translation>
    </message>
</context>
<context>
    <name>Run</name>
    <message>
        <location filename="../app/runcommand.cpp" line="+40"/>
        <source>Usage: uptane-lab scenarios

Lists the scenarios of the attack catalogue, one per line: ID&lt;TAB&gt;TITLE.
Run them with &apos;uptane-lab run ID...&apos;.
</source>
        <translation>Aufruf: uptane-lab scenarios

Listet die Szenarien des Angriffskatalogs auf, eines pro Zeile: ID&lt;TAB&gt;TITEL.
Ausführen mit &apos;uptane-lab run ID...&apos;.
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: uptane-lab run [OPTIONS] ID...|all

Plays scenarios of the attack catalogue (see &apos;uptane-lab scenarios&apos;) on a lab
with the demo vehicle, in the order given, and prints for every step what was
expected and what was observed (steps numbered from 1).

Options:
  --encoding json|der   metadata encoding of the lab (default: json)
  --workspace DIR       use this workspace instead of a fresh temporary one
  --format text|json    text (default), or one JSON document on stdout
                        (step indexes from 0)
  --verbose             print every event of the lab on stderr
  -h, --help            show this help and exit

Exit status: 0 when every scenario passed, 1 when one did not (or the lab
could not start), 2 on usage errors (nothing is run).
</source>
        <translation>Aufruf: uptane-lab run [OPTIONEN] ID...|all

Spielt Szenarien des Angriffskatalogs (siehe &apos;uptane-lab scenarios&apos;) in der
angegebenen Reihenfolge in einem Labor mit dem Demo-Fahrzeug durch und gibt für
jeden Schritt aus, was erwartet und was beobachtet wurde (Schritte ab 1 gezählt).

Optionen:
  --encoding json|der   Metadaten-Kodierung des Labors (Vorgabe: json)
  --workspace DIR       dieses Arbeitsverzeichnis statt eines neuen temporären
  --format text|json    Text (Vorgabe) oder ein JSON-Dokument auf stdout
                        (Schritte ab 0 gezählt)
  --verbose             jedes Ereignis des Labors auf stderr ausgeben
  -h, --help            diese Hilfe anzeigen und beenden

Rückgabewert: 0, wenn jedes Szenario bestanden hat, 1, wenn eines nicht bestanden
hat (oder das Labor nicht starten konnte), 2 bei Aufruffehlern (nichts wird ausgeführt).
</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>uptane-lab %1: %2
</source>
        <translation>uptane-lab %1: %2
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try &apos;uptane-lab %1 --help&apos;.
</source>
        <translation>Mehr dazu mit &apos;uptane-lab %1 --help&apos;.
</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>--%1 given more than once</source>
        <translation>--%1 mehr als einmal angegeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown encoding &apos;%1&apos; (json or der)</source>
        <translation>unbekannte Kodierung &apos;%1&apos; (json oder der)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown format &apos;%1&apos; (text or json)</source>
        <translation>unbekanntes Format &apos;%1&apos; (text oder json)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--workspace needs a directory</source>
        <translation>--workspace braucht ein Verzeichnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--workspace &apos;%1&apos; is not a directory</source>
        <translation>--workspace &apos;%1&apos; ist kein Verzeichnis</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no scenario given (an ID of &apos;uptane-lab scenarios&apos;, or all)</source>
        <translation>kein Szenario angegeben (eine ID aus &apos;uptane-lab scenarios&apos; oder all)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown scenario &apos;%1&apos; (see &apos;uptane-lab scenarios&apos;)</source>
        <translation>unbekanntes Szenario &apos;%1&apos; (siehe &apos;uptane-lab scenarios&apos;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the catalogue has no scenarios</source>
        <translation>der Katalog enthält keine Szenarien</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ERROR %1</source>
        <translation>FEHLER %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Director: %1</source>
        <translation>Director: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected %1</source>
        <translation>erwartet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>observed %1</source>
        <translation>beobachtet %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>MISMATCH</source>
        <translation>ABWEICHUNG</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%1  PASSED (%n step(s))
</source>
        <translation>
            <numerusform>%1  BESTANDEN (%n Schritt)
</numerusform>
            <numerusform>%1  BESTANDEN (%n Schritte)
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1  FAILED (%n step(s) not as expected)</source>
        <translation>
            <numerusform>%1  NICHT BESTANDEN (%n Schritt nicht wie erwartet)</numerusform>
            <numerusform>%1  NICHT BESTANDEN (%n Schritte nicht wie erwartet)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+76"/>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>uptane-lab run: cannot create a temporary workspace: %1
</source>
        <translation>uptane-lab run: kann kein temporäres Arbeitsverzeichnis anlegen: %1
</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>uptane-lab run: the lab cannot start on &apos;%1&apos;: %2
</source>
        <translation>uptane-lab run: das Labor kann auf &apos;%1&apos; nicht starten: %2
</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>uptane-lab run: %1
</source>
        <translation>uptane-lab run: %1
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2 scenario(s) passed (%3)
</source>
        <translation>%1 von %2 Szenario(s) bestanden (%3)
</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <location filename="../core/attacks/catalogue_p.h" line="+272"/>
        <source>The attacker leaves</source>
        <translation>Der Angreifer zieht sich zurück</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Publish a new release and assign it to TCU and DOOR</source>
        <translation>Ein neues Release veröffentlichen und TCU und DOOR zuweisen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Update cycle: the release is delivered</source>
        <translation>Update-Zyklus: Das Release wird ausgeliefert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Update cycle: nothing new</source>
        <translation>Update-Zyklus: nichts Neues</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Publish a good release and assign it to TCU and DOOR</source>
        <translation>Ein einwandfreies Release veröffentlichen und TCU und DOOR zuweisen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update cycle: the good release replaces the attacker&apos;s image</source>
        <translation>Update-Zyklus: Das einwandfreie Release ersetzt das Image des Angreifers</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The OEM rotates both repositories&apos; online keys</source>
        <translation>Der OEM rotiert die Online-Schlüssel beider Repositorys</translation>
    </message>
    <message>
        <location filename="../core/attacks/catalogue_partial.cpp" line="+111"/>
        <source>Altered Director targets on the bus (partial verification, 3.1)</source>
        <translation>Veränderte Director-Targets auf dem Bus (partielle Verifikation, 3.1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A tap on the vehicle&apos;s bus, holding no key, rewrites the Director targets the Primary passes to TCU and DOOR so they name the attacker&apos;s image, and hands them that image. A partial-verification ECU such as DOOR makes one check on metadata: a threshold of signatures by the Director&apos;s targets key over the targets file. The signatures are still the Director&apos;s but no longer match the bytes, so DOOR refuses. That single signature is all DOOR has; it never sees the snapshot or the timestamp. TCU, verifying fully, refuses even earlier: the Director&apos;s snapshot lists the hashes of the targets file, and the altered file does not have them. Both report the attack to the Director.</source>
        <translation>Ein Abgriff am Fahrzeugbus, ohne jeden Schlüssel, schreibt die Director-Targets, die die Primary an TCU und DOOR weitergibt, so um, dass sie das Image des Angreifers nennen, und übergibt ihnen dieses Image. Eine ECU mit partieller Verifikation wie DOOR prüft an den Metadaten nur eines: eine Schwelle von Signaturen mit dem Targets-Schlüssel des Directors über die Targets-Datei. Die Signaturen stammen noch vom Director, passen aber nicht mehr zu den Bytes, also lehnt DOOR ab. Diese eine Signatur ist alles, was DOOR hat; Snapshot und Timestamp sieht sie nie. TCU mit vollständiger Verifikation lehnt schon früher ab: Der Snapshot des Directors enthält die Hashes der Targets-Datei, und die veränderte Datei hat sie nicht. Beide melden den Angriff dem Director.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEFENDED: DOOR by the Director&apos;s signature (ThresholdNotMet), TCU by the snapshot&apos;s hashes (HashMismatch).</source>
        <translation>ABGEWEHRT: DOOR durch die Signatur des Directors (ThresholdNotMet), TCU durch die Hashes im Snapshot (HashMismatch).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A tap on the bus rewrites the Secondaries&apos; Director targets and images</source>
        <translation>Ein Abgriff am Bus schreibt Director-Targets und Images der Secondary-ECUs um</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Update cycle: both Secondaries refuse the altered targets</source>
        <translation>Update-Zyklus: Beide Secondary-ECUs lehnen die veränderten Targets ab</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Altered image on the bus (partial verification, 3.2)</source>
        <translation>Verändertes Image auf dem Bus (partielle Verifikation, 3.2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Primary verified the new release and passes it on, but a tap on the bus replaces the image sent to DOOR with the attacker&apos;s, exactly as long as the real one. Here partial verification is as strong as full verification: DOOR has verified the Director&apos;s signed targets, which list the image&apos;s length and hashes, and it checks the bytes it receives against them before installing. The attacker&apos;s bytes hash to something else; DOOR keeps its current image and reports the attack. TCU, whose image is left alone, installs the release.</source>
        <translation>Die Primary hat das neue Release verifiziert und gibt es weiter, doch ein Abgriff am Bus ersetzt das Image für DOOR durch das des Angreifers, genau so lang wie das echte. Hier ist partielle Verifikation so stark wie vollständige: DOOR hat die signierten Targets des Directors verifiziert, die Länge und Hashes des Images enthalten, und prüft die empfangenen Bytes vor der Installation dagegen. Die Bytes des Angreifers ergeben andere Hashes; DOOR behält ihr bisheriges Image und meldet den Angriff. TCU, deren Image unangetastet bleibt, installiert das Release.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED (HashMismatch): DOOR checks the image against the Director&apos;s signed hashes.</source>
        <translation>ABGEWEHRT (HashMismatch): DOOR prüft das Image gegen die vom Director signierten Hashes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A tap on the bus replaces DOOR&apos;s image with the attacker&apos;s</source>
        <translation>Ein Abgriff am Bus ersetzt das Image für DOOR durch das des Angreifers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Update cycle: DOOR discards the image</source>
        <translation>Update-Zyklus: DOOR verwirft das Image</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+251"/>
        <source>Update cycle: DOOR gets the release</source>
        <translation>Update-Zyklus: DOOR erhält das Release</translation>
    </message>
    <message>
        <location line="-240"/>
        <source>Replayed Director targets on the bus (partial verification, 3.3)</source>
        <translation>Wiedereingespielte Director-Targets auf dem Bus (partielle Verifikation, 3.3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker records the Director targets that reach DOOR, validly signed by the Director. A new release is delivered and DOOR installs it. The attacker then replays the recorded targets to DOOR, which would take it back to the older image. The signature checks, so partial verification&apos;s one signature check cannot help; but DOOR remembers the version of the Director targets it last accepted and refuses an older one. Besides the targets&apos; own expiry, that version is all the freshness partial verification has: without the Director&apos;s short-lived timestamp, targets held back at the version DOOR already has go unnoticed until they expire.</source>
        <translation>Der Angreifer zeichnet die Director-Targets auf, die bei DOOR ankommen, gültig vom Director signiert. Ein neues Release wird ausgeliefert und DOOR installiert es. Dann spielt der Angreifer DOOR die aufgezeichneten Targets wieder ein, die DOOR auf das ältere Image zurückbrächten. Die Signatur stimmt, also hilft die eine Signaturprüfung der partiellen Verifikation nicht; aber DOOR merkt sich die Version der zuletzt akzeptierten Director-Targets und lehnt eine ältere ab. Neben dem Ablaufdatum der Targets ist diese Version alles, was partielle Verifikation an Aktualität prüfen kann: Ohne den kurzlebigen Timestamp des Directors bleiben Targets, die auf der Version zurückgehalten werden, die DOOR schon hat, unbemerkt, bis sie ablaufen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>REPLAY (Rollback): DOOR refuses Director targets older than the ones it trusts.</source>
        <translation>REPLAY (Rollback): DOOR lehnt Director-Targets ab, die älter sind als die, denen sie vertraut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker records the Director targets sent to DOOR</source>
        <translation>Der Angreifer zeichnet die an DOOR gesendeten Director-Targets auf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker replays the recorded Director targets to DOOR</source>
        <translation>Der Angreifer spielt DOOR die aufgezeichneten Director-Targets wieder ein</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Update cycle: DOOR refuses the older targets</source>
        <translation>Update-Zyklus: DOOR lehnt die älteren Targets ab</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Stolen Director key against partial verification (3.4)</source>
        <translation>Gestohlener Director-Schlüssel gegen partielle Verifikation (3.4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The lesson of partial verification. The attacker has the Director&apos;s online keys and controls the bus (a compromised Primary). It signs Director metadata naming its own image for TCU and DOOR and hands both the forgery and the image. DOOR checks the Director&apos;s targets signature, which is valid, and the image&apos;s hashes, which match the forged targets: it installs the attacker&apos;s image. Partial verification trusts the Director&apos;s key alone; it never consults the Image Repository. TCU, verifying fully, also accepts the Director&apos;s metadata but then looks the image up in the Image Repository, whose keys the attacker does not have, and the entries do not match: refused. This is the price of partial verification, and why the Director&apos;s keys must be guarded and rotated (as the OEM does here to recover). The Director does notice afterwards: DOOR&apos;s signed manifest reports an image that is not the one assigned to it.</source>
        <translation>Die Lehre der partiellen Verifikation. Der Angreifer besitzt die Online-Schlüssel des Directors und kontrolliert den Bus (eine kompromittierte Primary). Er signiert Director-Metadaten, die TCU und DOOR sein eigenes Image zuweisen, und übergibt beiden die Fälschung und das Image. DOOR prüft die Targets-Signatur des Directors, die gültig ist, und die Hashes des Images, die zu den gefälschten Targets passen: Sie installiert das Image des Angreifers. Partielle Verifikation vertraut allein dem Schlüssel des Directors; das Image Repository fragt sie nie. TCU mit vollständiger Verifikation akzeptiert zwar auch die Metadaten des Directors, schlägt das Image dann aber im Image Repository nach, dessen Schlüssel der Angreifer nicht hat, und die Einträge stimmen nicht überein: abgelehnt. Das ist der Preis der partiellen Verifikation und der Grund, warum die Schlüssel des Directors gut geschützt und rotiert werden müssen (wie es der OEM hier zur Wiederherstellung tut). Der Director bemerkt es im Nachhinein: Das signierte Manifest von DOOR meldet ein Image, das ihr nicht zugewiesen wurde.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>DOOR COMPROMISED; TCU DEFENDED (TargetMismatch) by the Image Repository cross-check.</source>
        <translation>DOOR KOMPROMITTIERT; TCU ABGEWEHRT (TargetMismatch) durch die Gegenprüfung mit dem Image Repository.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With the Director&apos;s stolen keys, the attacker hands TCU and DOOR its own image on the bus</source>
        <translation>Mit den gestohlenen Schlüsseln des Directors übergibt der Angreifer TCU und DOOR sein eigenes Image auf dem Bus</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Update cycle: DOOR installs the attacker&apos;s image, TCU refuses it</source>
        <translation>Update-Zyklus: DOOR installiert das Image des Angreifers, TCU lehnt es ab</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+101"/>
        <location line="+39"/>
        <location filename="../core/attacks/catalogue_reference.cpp" line="+273"/>
        <location line="+124"/>
        <source>The OEM rotates the Director&apos;s online keys</source>
        <translation>Der OEM rotiert die Online-Schlüssel des Directors</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Update cycle: the real release replaces the attacker&apos;s image</source>
        <translation>Update-Zyklus: Das echte Release ersetzt das Image des Angreifers</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Image Repository keys against partial verification (3.5)</source>
        <translation>Schlüssel des Image Repository gegen partielle Verifikation (3.5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First the attacker holds only the Image Repository&apos;s online keys. Against DOOR they are useless: partial verification accepts Director targets signed by the Director&apos;s targets key and nothing else, so targets signed with the Image Repository&apos;s key are refused. Then the attacker also steals the Director&apos;s keys. DOOR needs nothing more: its one signature check passes and it installs the attacker&apos;s image. TCU, verifying fully, falls only now that both repositories are forged consistently (as in reference 3.5). For a partial-verification ECU the Director&apos;s key is the only key that matters. Recovery: rotate both repositories&apos; keys and deliver a good release.</source>
        <translation>Zunächst besitzt der Angreifer nur die Online-Schlüssel des Image Repository. Gegen DOOR sind sie nutzlos: Partielle Verifikation akzeptiert nur Director-Targets, die mit dem Targets-Schlüssel des Directors signiert sind, also werden Targets mit dem Schlüssel des Image Repository abgelehnt. Dann stiehlt der Angreifer auch die Schlüssel des Directors. Mehr braucht es bei DOOR nicht: Ihre eine Signaturprüfung besteht, und sie installiert das Image des Angreifers. TCU mit vollständiger Verifikation fällt erst jetzt, da beide Repositorys übereinstimmend gefälscht sind (wie in Referenz 3.5). Für eine ECU mit partieller Verifikation zählt nur der Schlüssel des Directors. Wiederherstellung: die Schlüssel beider Repositorys rotieren und ein einwandfreies Release ausliefern.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEFENDED (ThresholdNotMet) with the Image Repository&apos;s keys; COMPROMISED once the Director&apos;s are stolen too.</source>
        <translation>ABGEWEHRT (ThresholdNotMet) mit den Schlüsseln des Image Repository; KOMPROMITTIERT, sobald auch die des Directors gestohlen sind.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker signs Director targets for DOOR with the Image Repository&apos;s stolen keys</source>
        <translation>Der Angreifer signiert Director-Targets für DOOR mit den gestohlenen Schlüsseln des Image Repository</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Update cycle: DOOR refuses targets not signed by the Director</source>
        <translation>Update-Zyklus: DOOR lehnt Targets ab, die nicht vom Director signiert sind</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The attacker also steals the Director&apos;s keys and forges both repositories</source>
        <translation>Der Angreifer stiehlt auch die Schlüssel des Directors und fälscht beide Repositorys</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Update cycle: the attacker&apos;s image is installed on both</source>
        <translation>Update-Zyklus: Das Image des Angreifers wird auf beiden installiert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recovery by key rotation, partial verification (3.6)</source>
        <translation>Wiederherstellung durch Schlüsselrotation, partielle Verifikation (3.6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the Director&apos;s stolen keys the attacker has installed its image on DOOR (as in partial 3.4). The OEM rotates the Director&apos;s keys: the Director&apos;s root, signed with its offline keys, lists new targets, snapshot and timestamp keys. A partial-verification ECU follows root rotations too: the Primary passes the new Director root versions along with the targets, DOOR checks each against the root it trusts and from then on accepts targets signed by the new key only. The attacker&apos;s next forgery, signed with the old key, is refused. A fresh release then replaces the attacker&apos;s image. Without following the root, a partial-verification ECU would trust a stolen key forever.</source>
        <translation>Mit den gestohlenen Schlüsseln des Directors hat der Angreifer sein Image auf DOOR installiert (wie in partiell 3.4). Der OEM rotiert die Schlüssel des Directors: Die Root des Directors, mit seinen Offline-Schlüsseln signiert, nennt neue Targets-, Snapshot- und Timestamp-Schlüssel. Auch eine ECU mit partieller Verifikation folgt Root-Rotationen: Die Primary reicht die neuen Root-Versionen des Directors mit den Targets weiter, DOOR prüft jede gegen die Root, der sie vertraut, und akzeptiert von da an nur noch Targets mit dem neuen Schlüssel. Die nächste Fälschung des Angreifers, mit dem alten Schlüssel signiert, wird abgelehnt. Ein frisches Release ersetzt dann das Image des Angreifers. Ohne der Root zu folgen, würde eine ECU mit partieller Verifikation einem gestohlenen Schlüssel für immer vertrauen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../core/attacks/catalogue_reference.cpp" line="-56"/>
        <source>DEFENDED (ThresholdNotMet) after the rotation, then UPDATED with a good release.</source>
        <translation>ABGEWEHRT (ThresholdNotMet) nach der Rotation, dann AKTUALISIERT mit einem einwandfreien Release.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With the Director&apos;s stolen keys, the attacker hands DOOR its own image</source>
        <translation>Mit den gestohlenen Schlüsseln des Directors übergibt der Angreifer DOOR sein eigenes Image</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Update cycle: DOOR installs the attacker&apos;s image</source>
        <translation>Update-Zyklus: DOOR installiert das Image des Angreifers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker signs new targets for DOOR with the old key</source>
        <translation>Der Angreifer signiert neue Targets für DOOR mit dem alten Schlüssel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Update cycle: DOOR follows the new root and refuses the old key</source>
        <translation>Update-Zyklus: DOOR folgt der neuen Root und lehnt den alten Schlüssel ab</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Revoked Director key against partial verification (3.7)</source>
        <translation>Widerrufener Director-Schlüssel gegen partielle Verifikation (3.7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The OEM has rotated the Director&apos;s keys and DOOR has followed the new root. An attacker holding the revoked Director targets key signs targets naming its own image for DOOR and hands them over on the bus with the image. DOOR counts only signatures by the targets keys its current Director root lists; the revoked key is not among them, so the threshold is not met and DOOR refuses. Revocation works for a partial-verification ECU exactly as far as it keeps up with the Director&apos;s root, which the Primary passes along in every cycle.</source>
        <translation>Der OEM hat die Schlüssel des Directors rotiert, und DOOR ist der neuen Root gefolgt. Ein Angreifer mit dem widerrufenen Targets-Schlüssel des Directors signiert Targets, die DOOR sein eigenes Image zuweisen, und übergibt sie zusammen mit dem Image auf dem Bus. DOOR zählt nur Signaturen der Targets-Schlüssel, die ihre aktuelle Director-Root nennt; der widerrufene Schlüssel gehört nicht dazu, die Schwelle wird nicht erreicht, und DOOR lehnt ab. Der Widerruf wirkt bei einer ECU mit partieller Verifikation genau so weit, wie sie mit der Root des Directors Schritt hält, die die Primary in jedem Zyklus weiterreicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED (ThresholdNotMet): DOOR no longer counts the revoked key.</source>
        <translation>ABGEWEHRT (ThresholdNotMet): DOOR zählt den widerrufenen Schlüssel nicht mehr.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../core/attacks/catalogue_reference.cpp" line="+57"/>
        <source>Update cycle: the vehicle follows the new root</source>
        <translation>Update-Zyklus: Das Fahrzeug folgt der neuen Root</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker signs targets for DOOR with the revoked key</source>
        <translation>Der Angreifer signiert Targets für DOOR mit dem widerrufenen Schlüssel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Update cycle: DOOR refuses the revoked key&apos;s signature</source>
        <translation>Update-Zyklus: DOOR lehnt die Signatur des widerrufenen Schlüssels ab</translation>
    </message>
    <message>
        <location filename="../core/attacks/catalogue_reference.cpp" line="-290"/>
        <source>Deliver an update</source>
        <translation>Ein Update ausliefern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The normal case, with no attacker. The supplier&apos;s new image is added to the Image Repository, signed by the supplier&apos;s delegated key, and the Director assigns it to the two Secondaries of democar. In the next update cycle the Primary gets a fresh time attestation, verifies the Director&apos;s and the Image Repository&apos;s metadata in full, checks that the Director&apos;s target matches the Image Repository&apos;s, downloads the image and checks its length and hashes, then passes metadata and image to the Secondaries over the bus. TCU verifies everything again itself (full verification); DOOR checks the Director&apos;s signature on its targets and the image&apos;s hashes (partial verification). Both install, sign their version reports, and the Director records what they run.</source>
        <translation>Der Normalfall, ohne Angreifer. Das neue Image des Zulieferers kommt ins Image Repository, signiert mit dem delegierten Schlüssel des Zulieferers, und der Director weist es den beiden Secondary-ECUs von democar zu. Im nächsten Update-Zyklus holt die Primary eine frische Zeitbestätigung, verifiziert die Metadaten von Director und Image Repository vollständig, prüft, dass das Target des Directors mit dem des Image Repository übereinstimmt, lädt das Image herunter und prüft Länge und Hashes, dann gibt sie Metadaten und Image über den Bus an die Secondary-ECUs weiter. TCU verifiziert alles noch einmal selbst (vollständige Verifikation); DOOR prüft die Signatur des Directors über ihre Targets und die Hashes des Images (partielle Verifikation). Beide installieren, signieren ihre Versionsberichte, und der Director hält fest, was auf ihnen läuft.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>UPDATED: TCU and DOOR install the new image; the Director sees it installed.</source>
        <translation>AKTUALISIERT: TCU und DOOR installieren das neue Image; der Director sieht es installiert.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Man in the middle on the Director (reference 3.1)</source>
        <translation>Man-in-the-Middle beim Director (Referenz 3.1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An attacker on the network between the vehicle and the Director, holding no key, rewrites the Director&apos;s targets on their way: the entry for the new release now gives the hashes of an image of the attacker&apos;s. The signatures are still the Director&apos;s, over bytes that no longer exist. The Primary never gets as far as the signatures: the Director&apos;s snapshot lists the hashes of the targets file it belongs with, and the file that arrived does not have them. The Primary refuses the whole cycle, so no Secondary is even asked, and it reports the attack to the Director in its version report.</source>
        <translation>Ein Angreifer im Netz zwischen Fahrzeug und Director, ohne jeden Schlüssel, schreibt die Targets des Directors unterwegs um: Der Eintrag für das neue Release nennt jetzt die Hashes eines Images des Angreifers. Die Signaturen stammen noch vom Director, über Bytes, die es nicht mehr gibt. Bis zu den Signaturen kommt die Primary gar nicht: Der Snapshot des Directors enthält die Hashes der zugehörigen Targets-Datei, und die angekommene Datei hat sie nicht. Die Primary lehnt den ganzen Zyklus ab, keine Secondary wird überhaupt gefragt, und sie meldet den Angriff in ihrem Versionsbericht an den Director.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEFENDED (HashMismatch): the Primary checks the targets against the snapshot&apos;s hashes.</source>
        <translation>ABGEWEHRT (HashMismatch): Die Primary prüft die Targets gegen die Hashes im Snapshot.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker rewrites the Director&apos;s targets to name an image of its own</source>
        <translation>Der Angreifer schreibt die Targets des Directors so um, dass sie ein eigenes Image nennen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Update cycle: the Primary refuses the altered targets</source>
        <translation>Update-Zyklus: Die Primary lehnt die veränderten Targets ab</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Man in the middle on the Image Repository (reference 3.2)</source>
        <translation>Man-in-the-Middle beim Image Repository (Referenz 3.2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker sits between the vehicle and the Image Repository and, holding no key, serves an image of its own in place of the new release: exactly as long as the real one, so only its contents differ. The metadata is untouched and verifies; but both repositories&apos; signed targets list the image&apos;s SHA-256 and SHA-512, and the bytes that arrived hash to something else. The Primary discards them before sending anything to a Secondary (and each Secondary would check the same hashes again had a compromised Primary passed the image on).</source>
        <translation>Der Angreifer sitzt zwischen Fahrzeug und Image Repository und liefert, ohne jeden Schlüssel, statt des neuen Release ein eigenes Image aus: genau so lang wie das echte, nur der Inhalt unterscheidet sich. Die Metadaten sind unberührt und bestehen die Prüfung; aber die signierten Targets beider Repositorys enthalten SHA-256 und SHA-512 des Images, und die angekommenen Bytes ergeben andere Hashes. Die Primary verwirft sie, bevor sie irgendetwas an eine Secondary schickt (und jede Secondary würde dieselben Hashes noch einmal prüfen, hätte eine kompromittierte Primary das Image weitergereicht).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED (HashMismatch): the image does not hash to what the signed targets list.</source>
        <translation>ABGEWEHRT (HashMismatch): Die Hashes des Images stimmen nicht mit den signierten Targets überein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker serves its own image in place of the release</source>
        <translation>Der Angreifer liefert statt des Release sein eigenes Image aus</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Update cycle: the Primary discards the image</source>
        <translation>Update-Zyklus: Die Primary verwirft das Image</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Replay of an old Director timestamp (reference 3.3)</source>
        <translation>Replay eines alten Director-Timestamps (Referenz 3.3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker records the Director&apos;s timestamp, a file the Director really signed. The OEM then delivers a new release, and the vehicle installs it: it now trusts a newer timestamp. The attacker replays the recorded one, hoping to hide newer metadata from the vehicle (or, with older targets, to roll it back). The signature is valid, so the signature check cannot help; but every ECU remembers the version of the metadata it trusts, and versions never go back. The Primary refuses the older timestamp, shows REPLAY and reports it.</source>
        <translation>Der Angreifer zeichnet den Timestamp des Directors auf, eine Datei, die der Director wirklich signiert hat. Dann liefert der OEM ein neues Release aus, und das Fahrzeug installiert es: Es vertraut jetzt einem neueren Timestamp. Der Angreifer spielt den aufgezeichneten wieder ein, in der Hoffnung, dem Fahrzeug neuere Metadaten vorzuenthalten (oder es mit älteren Targets zurückzusetzen). Die Signatur ist gültig, also hilft die Signaturprüfung nicht; aber jede ECU merkt sich die Version der Metadaten, denen sie vertraut, und Versionen gehen nie zurück. Die Primary lehnt den älteren Timestamp ab, zeigt REPLAY an und meldet es.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>REPLAY (Rollback): the timestamp&apos;s version is lower than the one the Primary trusts.</source>
        <translation>REPLAY (Rollback): Die Version des Timestamps ist niedriger als die, der die Primary vertraut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker records the Director&apos;s timestamp</source>
        <translation>Der Angreifer zeichnet den Timestamp des Directors auf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker replays the recorded timestamp</source>
        <translation>Der Angreifer spielt den aufgezeichneten Timestamp wieder ein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Update cycle: the Primary refuses the old timestamp</source>
        <translation>Update-Zyklus: Die Primary lehnt den alten Timestamp ab</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Arbitrary image with a stolen Director key (reference 3.4)</source>
        <translation>Beliebiges Image mit gestohlenem Director-Schlüssel (Referenz 3.4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The supplier publishes a new release on the Image Repository; the Director has not assigned it yet. An attacker breaks into the Director and takes its online keys (targets, snapshot, timestamp). It signs Director metadata that assigns TCU and DOOR an image of its own under the new release&apos;s name, and serves that image. The Director&apos;s metadata is now perfectly valid: every signature checks. What stops the attack is Uptane&apos;s second repository: the Primary looks the target up in the Image Repository, whose keys the attacker does not hold, and the hashes and length there are not the ones the Director lists. Compromising the Director alone is not enough. To recover, the OEM rotates the Director&apos;s keys (its offline root signs new ones) and assigns the real release.</source>
        <translation>Der Zulieferer veröffentlicht ein neues Release im Image Repository; der Director hat es noch nicht zugewiesen. Ein Angreifer bricht in den Director ein und nimmt dessen Online-Schlüssel mit (Targets, Snapshot, Timestamp). Er signiert Director-Metadaten, die TCU und DOOR unter dem Namen des neuen Release ein eigenes Image zuweisen, und liefert dieses Image aus. Die Metadaten des Directors sind jetzt vollkommen gültig: Jede Signatur stimmt. Was den Angriff aufhält, ist das zweite Repository von Uptane: Die Primary schlägt das Target im Image Repository nach, dessen Schlüssel der Angreifer nicht hat, und Hashes und Länge dort sind nicht die, die der Director nennt. Den Director allein zu kompromittieren reicht nicht. Zur Wiederherstellung rotiert der OEM die Schlüssel des Directors (seine Offline-Root signiert neue) und weist das echte Release zu.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>DEFENDED (TargetMismatch): the Director&apos;s target does not match the Image Repository&apos;s.</source>
        <translation>ABGEWEHRT (TargetMismatch): Das Target des Directors stimmt nicht mit dem des Image Repository überein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+35"/>
        <location line="+44"/>
        <location line="+56"/>
        <source>The supplier publishes a new release (not assigned yet)</source>
        <translation>Der Zulieferer veröffentlicht ein neues Release (noch nicht zugewiesen)</translation>
    </message>
    <message>
        <location line="-133"/>
        <location line="+35"/>
        <source>With the Director&apos;s stolen keys, the attacker assigns its own image under the release&apos;s name</source>
        <translation>Mit den gestohlenen Schlüsseln des Directors weist der Angreifer unter dem Namen des Release sein eigenes Image zu</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Update cycle: the Director&apos;s target does not match the Image Repository</source>
        <translation>Update-Zyklus: Das Target des Directors stimmt nicht mit dem Image Repository überein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The Director assigns the real release to TCU and DOOR</source>
        <translation>Der Director weist TCU und DOOR das echte Release zu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update cycle: the real release is delivered</source>
        <translation>Update-Zyklus: Das echte Release wird ausgeliefert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Both repositories compromised (reference 3.5)</source>
        <translation>Beide Repositorys kompromittiert (Referenz 3.5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First the attacker holds only the Director&apos;s online keys, as in 3.4, and is stopped by the Image Repository cross-check. Then it also steals the Image Repository&apos;s online keys (targets, snapshot, timestamp) and lists its image there too. Now every piece of metadata the vehicle sees is validly signed by keys it trusts, and the image matches it: neither the Primary nor TCU nor DOOR has any way to tell, and both Secondaries install the attacker&apos;s image. This is why the Image Repository&apos;s targets keys should be offline keys, used only to change delegations: an attacker needs both repositories. The Director still sees that the ECUs run an image it never assigned. Recovery: the OEM rotates both repositories&apos; keys and delivers a good release.</source>
        <translation>Zunächst besitzt der Angreifer nur die Online-Schlüssel des Directors, wie in 3.4, und wird von der Gegenprüfung mit dem Image Repository aufgehalten. Dann stiehlt er auch die Online-Schlüssel des Image Repository (Targets, Snapshot, Timestamp) und trägt sein Image auch dort ein. Jetzt ist jedes Stück Metadaten, das das Fahrzeug sieht, gültig mit Schlüsseln signiert, denen es vertraut, und das Image passt dazu: Weder die Primary noch TCU noch DOOR können es erkennen, und beide Secondary-ECUs installieren das Image des Angreifers. Deshalb sollten die Targets-Schlüssel des Image Repository Offline-Schlüssel sein, die nur zum Ändern von Delegationen benutzt werden: Ein Angreifer braucht beide Repositorys. Der Director sieht trotzdem, dass auf den ECUs ein Image läuft, das er nie zugewiesen hat. Wiederherstellung: Der OEM rotiert die Schlüssel beider Repositorys und liefert ein einwandfreies Release aus.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>COMPROMISED: with both repositories&apos; keys the attacker&apos;s image is installed on TCU and DOOR.</source>
        <translation>KOMPROMITTIERT: Mit den Schlüsseln beider Repositorys wird das Image des Angreifers auf TCU und DOOR installiert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Update cycle: the Director alone cannot fool the vehicle</source>
        <translation>Update-Zyklus: Der Director allein kann das Fahrzeug nicht täuschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attacker also steals the Image Repository&apos;s online keys and lists its image there</source>
        <translation>Der Angreifer stiehlt auch die Online-Schlüssel des Image Repository und trägt sein Image dort ein</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+42"/>
        <source>Update cycle: the attacker&apos;s image is installed</source>
        <translation>Update-Zyklus: Das Image des Angreifers wird installiert</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Recovery from a key compromise (reference 3.6)</source>
        <translation>Wiederherstellung nach einer Schlüsselkompromittierung (Referenz 3.6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker holds the online keys of both repositories and has installed its image on TCU and DOOR (as in 3.5). The OEM recovers: with the repositories&apos; root keys, kept offline and used for the first time since the repositories were created, it signs new root metadata that replaces every targets, snapshot and timestamp key. The vehicle follows the new root (each version signed by the old and the new root keys) and from then on trusts only the new keys. The attacker keeps signing with the keys it stole: those signatures no longer count towards any threshold, and the Primary refuses its metadata. A good release then replaces the attacker&apos;s image. (An ECU that ran the attacker&apos;s code cannot be fully trusted again without being wiped; ECUs that were not compromised are safe from the stolen keys.)</source>
        <translation>Der Angreifer besitzt die Online-Schlüssel beider Repositorys und hat sein Image auf TCU und DOOR installiert (wie in 3.5). Der OEM stellt die Sicherheit wieder her: Mit den Root-Schlüsseln der Repositorys, offline verwahrt und zum ersten Mal seit dem Anlegen der Repositorys benutzt, signiert er neue Root-Metadaten, die jeden Targets-, Snapshot- und Timestamp-Schlüssel ersetzen. Das Fahrzeug folgt der neuen Root (jede Version mit den alten und den neuen Root-Schlüsseln signiert) und vertraut von da an nur noch den neuen Schlüsseln. Der Angreifer signiert weiter mit den gestohlenen Schlüsseln: Diese Signaturen zählen für keine Schwelle mehr, und die Primary lehnt seine Metadaten ab. Ein einwandfreies Release ersetzt dann das Image des Angreifers. (Einer ECU, auf der der Code des Angreifers lief, kann man ohne Neuaufsetzen nicht wieder voll vertrauen; nicht kompromittierte ECUs sind vor den gestohlenen Schlüsseln sicher.)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>With both repositories&apos; stolen online keys, the attacker installs its own image</source>
        <translation>Mit den gestohlenen Online-Schlüsseln beider Repositorys installiert der Angreifer sein eigenes Image</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The OEM&apos;s root keys replace both repositories&apos; online keys</source>
        <translation>Die Root-Schlüssel des OEM ersetzen die Online-Schlüssel beider Repositorys</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker signs a new image with the keys it stole</source>
        <translation>Der Angreifer signiert ein neues Image mit den gestohlenen Schlüsseln</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Update cycle: the old keys no longer count</source>
        <translation>Update-Zyklus: Die alten Schlüssel zählen nicht mehr</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Arbitrary image signed with revoked keys (reference 3.7)</source>
        <translation>Beliebiges Image, mit widerrufenen Schlüsseln signiert (Referenz 3.7)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The OEM has rotated the Director&apos;s online keys, and the vehicle has followed the new root. An attacker who holds the revoked keys signs Director metadata (targets, snapshot and timestamp) assigning an image of its own. The files are well formed and carry signatures that were once good; but the Primary counts only signatures by the keys its current root lists for each role, and there are none: the threshold is not met and the metadata is refused at the first file, the timestamp. Nothing signed by the revoked keys is kept, so once the attacker stops the vehicle is simply up to date.</source>
        <translation>Der OEM hat die Online-Schlüssel des Directors rotiert, und das Fahrzeug ist der neuen Root gefolgt. Ein Angreifer mit den widerrufenen Schlüsseln signiert Director-Metadaten (Targets, Snapshot und Timestamp), die ein eigenes Image zuweisen. Die Dateien sind wohlgeformt und tragen Signaturen, die einmal gültig waren; aber die Primary zählt nur Signaturen der Schlüssel, die ihre aktuelle Root für die jeweilige Rolle nennt, und davon gibt es keine: Die Schwelle wird nicht erreicht, und die Metadaten werden schon bei der ersten Datei abgelehnt, dem Timestamp. Nichts, was mit den widerrufenen Schlüsseln signiert ist, wird übernommen; sobald der Angreifer aufhört, ist das Fahrzeug einfach auf dem aktuellen Stand.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEFENDED (ThresholdNotMet): the revoked keys&apos; signatures do not count.</source>
        <translation>ABGEWEHRT (ThresholdNotMet): Die Signaturen der widerrufenen Schlüssel zählen nicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The attacker signs Director metadata for its own image with the revoked keys</source>
        <translation>Der Angreifer signiert Director-Metadaten für sein eigenes Image mit den widerrufenen Schlüsseln</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Update cycle: the revoked keys&apos; signatures do not count</source>
        <translation>Update-Zyklus: Die Signaturen der widerrufenen Schlüssel zählen nicht</translation>
    </message>
    <message>
        <location filename="../core/attacks/catalogue_repository.cpp" line="+94"/>
        <location filename="../core/attacks/catalogue_vehicle.cpp" line="+65"/>
        <source>The attacker stops</source>
        <translation>Der Angreifer hört auf</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../core/attacks/catalogue_vehicle.cpp" line="-6"/>
        <source>The OEM publishes a new release and assigns it to both Secondaries</source>
        <translation>Der OEM veröffentlicht ein neues Release und weist es beiden Secondary-ECUs zu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Update cycle: the release arrives</source>
        <translation>Update-Zyklus: Das Release kommt an</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Update cycle: nothing to do</source>
        <translation>Update-Zyklus: nichts zu tun</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Freeze: the Director&apos;s metadata served frozen</source>
        <translation>Freeze: Die Metadaten des Directors werden eingefroren ausgeliefert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A freeze attack (Uptane threat model: deny installation) keeps serving the vehicle the metadata it already has: old, but validly signed, so no signature check can object. While the frozen files are still valid the vehicle simply sees nothing new, and a new release the Director assigns never arrives (the Director sees the Secondaries still running the old image). Every metadata file carries an expiry date, and the vehicle checks it against the time the Time Server attested: the timestamp lives one day, so one day later the frozen timestamp has expired and the Primary refuses it, even though the real repositories have re-signed theirs. The vehicle cannot get the update, but it knows and says so: FROZEN, reported to the Director.</source>
        <translation>Ein Freeze-Angriff (Uptane-Bedrohungsmodell: Installation verhindern) liefert dem Fahrzeug immer wieder die Metadaten, die es schon hat: alt, aber gültig signiert, also kann keine Signaturprüfung Einspruch erheben. Solange die eingefrorenen Dateien noch gültig sind, sieht das Fahrzeug einfach nichts Neues, und ein neues Release, das der Director zuweist, kommt nie an (der Director sieht, dass auf den Secondary-ECUs noch das alte Image läuft). Jede Metadaten-Datei trägt ein Ablaufdatum, und das Fahrzeug prüft es gegen die Zeit, die der Time Server bestätigt hat: Der Timestamp gilt einen Tag, also ist der eingefrorene Timestamp einen Tag später abgelaufen, und die Primary lehnt ihn ab, obwohl die echten Repositorys ihre neu signiert haben. Das Fahrzeug kann das Update nicht bekommen, aber es weiß es und sagt es: EINGEFROREN, an den Director gemeldet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>FROZEN: once the frozen timestamp expires, the Primary refuses it (Expired).</source>
        <translation>EINGEFROREN: Sobald der eingefrorene Timestamp abläuft, lehnt die Primary ihn ab (Expired).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attacker records the Director&apos;s metadata for democar and serves it frozen</source>
        <translation>Der Angreifer zeichnet die Metadaten des Directors für democar auf und liefert sie eingefroren aus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Update cycle: the frozen metadata is still valid</source>
        <translation>Update-Zyklus: Die eingefrorenen Metadaten sind noch gültig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update cycle: the vehicle sees nothing new</source>
        <translation>Update-Zyklus: Das Fahrzeug sieht nichts Neues</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A day passes: the repositories re-sign their timestamps; the frozen one expires</source>
        <translation>Ein Tag vergeht: Die Repositorys signieren ihre Timestamps neu; der eingefrorene läuft ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update cycle: the frozen timestamp has expired</source>
        <translation>Update-Zyklus: Der eingefrorene Timestamp ist abgelaufen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rollback: older Director metadata replayed</source>
        <translation>Rollback: Ältere Director-Metadaten werden wieder eingespielt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A rollback attack (Uptane threat model: interfere with ECUs) sends the vehicle older metadata to make it go back to older images, with known vulnerabilities. Here the attacker records the Director&apos;s whole metadata set for democar (timestamp, snapshot and targets, all validly signed), waits for a new release to be installed, then replays the recorded set: its targets still assign the previous image. Every file is genuine, so signatures and hashes all check out. But every metadata file has a version number, and the vehicle never accepts a version lower than the one it trusts (TUF 5.4.3): the replayed timestamp is older than the one the Primary stored, and it stops there. Verdict REPLAY, and the ECUs keep the new image. (Were versions not checked, the older image&apos;s lower release counter would still stop it.)</source>
        <translation>Ein Rollback-Angriff (Uptane-Bedrohungsmodell: ECUs stören) schickt dem Fahrzeug ältere Metadaten, damit es zu älteren Images mit bekannten Schwachstellen zurückkehrt. Hier zeichnet der Angreifer den ganzen Metadatensatz des Directors für democar auf (Timestamp, Snapshot und Targets, alle gültig signiert), wartet, bis ein neues Release installiert ist, und spielt dann den aufgezeichneten Satz wieder ein: Dessen Targets weisen noch das vorige Image zu. Jede Datei ist echt, also stimmen Signaturen und Hashes. Aber jede Metadaten-Datei hat eine Versionsnummer, und das Fahrzeug akzeptiert nie eine niedrigere Version als die, der es vertraut (TUF 5.4.3): Der wieder eingespielte Timestamp ist älter als der, den die Primary gespeichert hat, und dort ist Schluss. Urteil REPLAY, und die ECUs behalten das neue Image. (Würden Versionen nicht geprüft, hielte der niedrigere Release-Zähler des älteren Images es trotzdem auf.)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>REPLAY: the replayed timestamp is older than the trusted one (Rollback).</source>
        <translation>REPLAY: Der wieder eingespielte Timestamp ist älter als der vertrauenswürdige (Rollback).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attacker records the Director&apos;s metadata for democar</source>
        <translation>Der Angreifer zeichnet die Metadaten des Directors für democar auf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker replays the recorded metadata</source>
        <translation>Der Angreifer spielt die aufgezeichneten Metadaten wieder ein</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Update cycle: the older metadata is refused</source>
        <translation>Update-Zyklus: Die älteren Metadaten werden abgelehnt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rollback: an older release assigned</source>
        <translation>Rollback: Ein älteres Release wird zugewiesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata versions only stop replays of old files. An attacker in control of the Director (or a mistake at the OEM) can sign brand new metadata that assigns an older image, one the Image Repository still lists and signs, perhaps with a known flaw. Everything about it is valid and fresh. What stops it is the release counter: every image carries one in its signed metadata, and an ECU never installs an image with a lower release counter than the one it runs (Uptane 5.4.4.2). The Primary checks it for each Secondary before anything is sent; the full and the partial Secondary would check it again. Verdict REPLAY; the Director sees the ECUs keep the newer release.</source>
        <translation>Metadaten-Versionen halten nur das Wiedereinspielen alter Dateien auf. Ein Angreifer, der den Director kontrolliert (oder ein Fehler beim OEM), kann brandneue Metadaten signieren, die ein älteres Image zuweisen, eines, das das Image Repository noch führt und signiert, womöglich mit einer bekannten Schwachstelle. Alles daran ist gültig und frisch. Was es aufhält, ist der Release-Zähler: Jedes Image trägt einen in seinen signierten Metadaten, und eine ECU installiert nie ein Image mit einem niedrigeren Release-Zähler als dem des Images, das auf ihr läuft (Uptane 5.4.4.2). Die Primary prüft das für jede Secondary, bevor sie etwas sendet; die Secondary-ECUs mit vollständiger und partieller Verifikation würden es noch einmal prüfen. Urteil REPLAY; der Director sieht, dass die ECUs das neuere Release behalten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>REPLAY: the older release has a lower release counter than the installed one (ReleaseCounterRollback).</source>
        <translation>REPLAY: Das ältere Release hat einen niedrigeren Release-Zähler als das installierte (ReleaseCounterRollback).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OEM publishes two releases and assigns the newer one</source>
        <translation>Der OEM veröffentlicht zwei Releases und weist das neuere zu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Director, in the attacker&apos;s hands, assigns the older release</source>
        <translation>Der Director, in der Hand des Angreifers, weist das ältere Release zu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update cycle: the older release is refused</source>
        <translation>Update-Zyklus: Das ältere Release wird abgelehnt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OEM assigns the newer release again</source>
        <translation>Der OEM weist wieder das neuere Release zu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Mix-and-match: new timestamp and snapshot, older targets</source>
        <translation>Mix-and-Match: neuer Timestamp und Snapshot, ältere Targets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A mix-and-match attack (Uptane threat model: interfere with ECUs) combines metadata of different releases that never existed together, each file genuinely signed, hoping the vehicle installs a combination nobody intended. Here the attacker serves the Director&apos;s current timestamp and snapshot with an older targets file (the Director keeps every version it published). The snapshot is what binds the release together: it lists, for each targets file, its version, its length and its hashes, and the Primary checks the bytes it gets against that listing before it even parses them (TUF 5.6.2). The older file is not those bytes: here its length already differs. Were the length and hashes not checked, its version would still not be the one the snapshot names.</source>
        <translation>Ein Mix-and-Match-Angriff (Uptane-Bedrohungsmodell: ECUs stören) kombiniert Metadaten verschiedener Releases, die nie zusammen existiert haben, jede Datei echt signiert, in der Hoffnung, dass das Fahrzeug eine Kombination installiert, die niemand beabsichtigt hat. Hier liefert der Angreifer den aktuellen Timestamp und Snapshot des Directors mit einer älteren Targets-Datei aus (der Director behält jede Version, die er veröffentlicht hat). Der Snapshot ist es, der das Release zusammenhält: Er nennt für jede Targets-Datei ihre Version, ihre Länge und ihre Hashes, und die Primary prüft die erhaltenen Bytes gegen diese Angaben, noch bevor sie sie parst (TUF 5.6.2). Die ältere Datei besteht nicht aus diesen Bytes: Hier unterscheidet sich schon ihre Länge. Würden Länge und Hashes nicht geprüft, wäre ihre Version trotzdem nicht die, die der Snapshot nennt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>DEFENDED: the older targets is not the file the snapshot lists (LengthMismatch).</source>
        <translation>ABGEWEHRT: Die älteren Targets sind nicht die Datei, die der Snapshot nennt (LengthMismatch).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker serves the new timestamp and snapshot with an older targets file</source>
        <translation>Der Angreifer liefert den neuen Timestamp und Snapshot mit einer älteren Targets-Datei aus</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Update cycle: the mixed release is refused</source>
        <translation>Update-Zyklus: Das gemischte Release wird abgelehnt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Endless data: the image never ends</source>
        <translation>Endlose Daten: Das Image hört nie auf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An endless data attack (Uptane threat model: interfere with ECUs) answers a download with a stream that never ends, to fill the ECU&apos;s storage or keep it busy forever. The defence is that every image&apos;s length is part of its signed metadata, and the Primary never reads more than that many bytes: the first byte beyond the listed length ends the download, before anything is stored or hashed further (Uptane 5.4.2). Verdict DEFENDED, and the Director hears about it.</source>
        <translation>Ein Endless-Data-Angriff (Uptane-Bedrohungsmodell: ECUs stören) beantwortet einen Download mit einem Datenstrom, der nie endet, um den Speicher der ECU zu füllen oder sie für immer zu beschäftigen. Die Abwehr: Die Länge jedes Images ist Teil seiner signierten Metadaten, und die Primary liest nie mehr als so viele Bytes. Das erste Byte jenseits der angegebenen Länge beendet den Download, bevor irgendetwas gespeichert oder weiter gehasht wird (Uptane 5.4.2). Urteil ABGEWEHRT, und der Director erfährt davon.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED: the download stops at the listed length (LengthMismatch).</source>
        <translation>ABGEWEHRT: Der Download endet bei der angegebenen Länge (LengthMismatch).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker answers the image&apos;s download with endless data</source>
        <translation>Der Angreifer beantwortet den Download des Images mit endlosen Daten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Update cycle: the download is cut at the listed length</source>
        <translation>Update-Zyklus: Der Download wird bei der angegebenen Länge abgeschnitten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Slow retrieval: the image trickles in</source>
        <translation>Langsamer Abruf: Das Image tröpfelt herein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A slow retrieval attack (Uptane threat model: deny installation) serves the image so slowly that the download takes practically forever, keeping the vehicle on a vulnerable version without any error to show for it. Signatures cannot help: the bytes are right, they just come too slowly. The defence is watching the download speed: below a minimum rate for too long, the Primary gives up (here: under 1024 bytes per second for two seconds; the attacker sends a few dozen). Verdict DEFENDED: the update did not happen, but the vehicle knows why and tells the Director.</source>
        <translation>Ein Slow-Retrieval-Angriff (Uptane-Bedrohungsmodell: Installation verhindern) liefert das Image so langsam aus, dass der Download praktisch ewig dauert und das Fahrzeug auf einer verwundbaren Version bleibt, ohne dass je ein Fehler erscheint. Signaturen helfen nicht: Die Bytes stimmen, sie kommen nur zu langsam. Die Abwehr ist, die Download-Geschwindigkeit zu überwachen: Liegt sie zu lange unter einer Mindestrate, gibt die Primary auf (hier: unter 1024 Bytes pro Sekunde für zwei Sekunden; der Angreifer schickt ein paar Dutzend). Urteil ABGEWEHRT: Das Update hat nicht stattgefunden, aber das Fahrzeug weiß, warum, und sagt es dem Director.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEFENDED: the download falls below the minimum speed and is abandoned (SlowRetrieval).</source>
        <translation>ABGEWEHRT: Der Download fällt unter die Mindestgeschwindigkeit und wird abgebrochen (SlowRetrieval).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker serves the image at a few bytes per second</source>
        <translation>Der Angreifer liefert das Image mit ein paar Bytes pro Sekunde aus</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Update cycle: the Primary gives up the download</source>
        <translation>Update-Zyklus: Die Primary bricht den Download ab</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Drop-request: the Director&apos;s metadata never arrives</source>
        <translation>Drop-Request: Die Metadaten des Directors kommen nie an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A drop-request attack (Uptane threat model: deny installation) blocks the vehicle&apos;s requests, here every request for the Director&apos;s metadata. No cryptography can make a download happen; what Uptane guarantees is that the denial does not go unnoticed. The Primary stops the cycle (DEFENDED: nothing unverified is installed) and its signed vehicle manifest, which still gets through, tells the Director what went wrong. The Director&apos;s inventory shows the attack reported by the Primary and both Secondaries still running the old image though a new one is assigned: the OEM can see which vehicles are being kept from their updates.</source>
        <translation>Ein Drop-Request-Angriff (Uptane-Bedrohungsmodell: Installation verhindern) blockiert die Anfragen des Fahrzeugs, hier jede Anfrage nach den Metadaten des Directors. Keine Kryptografie kann einen Download erzwingen; was Uptane garantiert, ist, dass die Verweigerung nicht unbemerkt bleibt. Die Primary beendet den Zyklus (ABGEWEHRT: nichts Unverifiziertes wird installiert), und ihr signiertes Fahrzeug-Manifest, das trotzdem durchkommt, sagt dem Director, was schiefging. Das Inventar des Directors zeigt den von der Primary gemeldeten Angriff und beide Secondary-ECUs noch mit dem alten Image, obwohl ein neues zugewiesen ist: Der OEM sieht, welche Fahrzeuge von ihren Updates abgehalten werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>DEFENDED (ConnectionFailed), and the Director sees the attack reported and the update not installed.</source>
        <translation>ABGEWEHRT (ConnectionFailed), und der Director sieht den gemeldeten Angriff und das nicht installierte Update.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker drops every request for the Director&apos;s metadata</source>
        <translation>Der Angreifer verwirft jede Anfrage nach den Metadaten des Directors</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Update cycle: no Director metadata</source>
        <translation>Update-Zyklus: keine Metadaten vom Director</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stolen supplier key: only acme/* at risk, and only with the Director</source>
        <translation>Gestohlener Zulieferer-Schlüssel: nur acme/* in Gefahr, und nur mit dem Director</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Image Repository delegates the images under acme/ to the supplier ACME, which signs them with its own key. Suppose that key is stolen, together with the Image Repository&apos;s online snapshot and timestamp keys so the forged role gets served. The attacker lists two images of its own in ACME&apos;s role: one under acme/, one outside it. Nothing happens: a vehicle installs only what the Director assigns, and the Director assigns neither (the repository check accepts the role; the Director is what is missing). Suppose then the attacker holds the Director&apos;s keys too and assigns the image outside acme/ to both Secondaries. Still nothing: the delegation names the paths ACME may sign for, and the vehicle asks ACME&apos;s role only about those (TUF 5.6.7), so no trusted role lists that image. A stolen supplier key puts only that supplier&apos;s images at risk. The OEM then rotates every stolen key.</source>
        <translation>Das Image Repository delegiert die Images unter acme/ an den Zulieferer ACME, der sie mit seinem eigenen Schlüssel signiert. Angenommen, dieser Schlüssel wird gestohlen, zusammen mit den Online-Schlüsseln für Snapshot und Timestamp des Image Repository, damit die gefälschte Rolle auch ausgeliefert wird. Der Angreifer trägt zwei eigene Images in die Rolle von ACME ein: eines unter acme/, eines außerhalb. Nichts passiert: Ein Fahrzeug installiert nur, was der Director zuweist, und der Director weist keines von beiden zu (die Prüfung des Repositorys akzeptiert die Rolle; was fehlt, ist der Director). Angenommen, der Angreifer hat auch die Schlüssel des Directors und weist das Image außerhalb von acme/ beiden Secondary-ECUs zu. Immer noch nichts: Die Delegation nennt die Pfade, für die ACME signieren darf, und das Fahrzeug fragt die Rolle von ACME nur nach diesen (TUF 5.6.7), also führt keine vertrauenswürdige Rolle dieses Image. Ein gestohlener Zulieferer-Schlüssel gefährdet nur die Images dieses Zulieferers. Danach rotiert der OEM jeden gestohlenen Schlüssel.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>UP TO DATE without the Director; with it, DEFENDED: no role may sign that image (TargetNotFound).</source>
        <translation>AKTUELL ohne den Director; mit ihm ABGEWEHRT: Keine Rolle darf dieses Image signieren (TargetNotFound).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker re-signs supplier-acme&apos;s role with two images of its own</source>
        <translation>Der Angreifer signiert die Rolle supplier-acme neu, mit zwei eigenen Images</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update cycle: the Director assigns neither image</source>
        <translation>Update-Zyklus: Der Director weist keines der beiden Images zu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With the Director&apos;s keys too, the attacker assigns the image outside acme/</source>
        <translation>Mit den Schlüsseln des Directors weist der Angreifer zusätzlich das Image außerhalb von acme/ zu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update cycle: supplier-acme may not sign that image</source>
        <translation>Update-Zyklus: supplier-acme darf dieses Image nicht signieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The OEM rotates supplier-acme&apos;s key and both repositories&apos; online keys</source>
        <translation>Der OEM rotiert den Schlüssel von supplier-acme und die Online-Schlüssel beider Repositorys</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ACME publishes a new release, the Director assigns it</source>
        <translation>ACME veröffentlicht ein neues Release, der Director weist es zu</translation>
    </message>
    <message>
        <location filename="../core/attacks/catalogue_vehicle.cpp" line="+14"/>
        <source>The OEM rotates the Director&apos;s online keys: its root signs new ones</source>
        <translation>Der OEM rotiert die Online-Schlüssel des Directors: Dessen Root signiert neue</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Update cycle without the attacker: the release arrives</source>
        <translation>Update-Zyklus ohne Angreifer: Das Release kommt an</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Update cycle without the attacker: DOORdemocar catches up</source>
        <translation>Update-Zyklus ohne Angreifer: DOORdemocar holt auf</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Partial bundle installation: DOOR&apos;s image dropped on the bus</source>
        <translation>Teilweise Bündel-Installation: Das Image für DOOR wird auf dem Bus verworfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partial bundle installation (Uptane threat model: deny installation). A release is assigned to both Secondaries, and an attacker on the in-vehicle bus drops the image the Primary sends to DOORdemocar. TCUdemocar installs its image; DOORdemocar keeps the old one and so the vehicle runs a mix of releases that nobody chose. No signature or hash can prevent a message from being dropped. What Uptane guarantees is that the loss does not go unnoticed: every ECU signs a version report each cycle, so the Director sees that DOORdemocar still reports its old image (NOT INSTALLED), and the Primary&apos;s vehicle manifest reports the failed delivery as an attack. The Director can then act on it: retry, or alert. Once the attacker goes away the next cycle completes the installation.</source>
        <translation>Teilweise Bündel-Installation (Uptane-Bedrohungsmodell: Installation verhindern). Beiden Secondary-ECUs wird ein Release zugewiesen, und ein Angreifer am Fahrzeugbus verwirft das Image, das die Primary an DOORdemocar schickt. TCUdemocar installiert ihr Image; DOORdemocar behält das alte, und so läuft im Fahrzeug eine Mischung von Releases, die niemand gewählt hat. Keine Signatur und kein Hash kann verhindern, dass eine Nachricht verloren geht. Was Uptane garantiert, ist, dass der Verlust nicht unbemerkt bleibt: Jede ECU signiert in jedem Zyklus einen Versionsbericht, also sieht der Director, dass DOORdemocar noch ihr altes Image meldet (NICHT INSTALLIERT), und das Fahrzeug-Manifest der Primary meldet die gescheiterte Auslieferung als Angriff. Der Director kann dann reagieren: erneut versuchen oder Alarm geben. Sobald der Angreifer weg ist, schließt der nächste Zyklus die Installation ab.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>NO UPDATE on DOOR, UPDATED on TCU; the Director sees DOOR NOT INSTALLED and the Primary&apos;s attack report</source>
        <translation>KEIN UPDATE auf DOOR, AKTUALISIERT auf TCU; der Director sieht DOOR NICHT INSTALLIERT und die Angriffsmeldung der Primary</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The attacker drops the image the Primary sends to DOORdemocar</source>
        <translation>Der Angreifer verwirft das Image, das die Primary an DOORdemocar schickt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Update cycle: only TCUdemocar gets its image</source>
        <translation>Update-Zyklus: Nur TCUdemocar erhält ihr Image</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wrong ECU: Director targets naming an ECU the vehicle does not have</source>
        <translation>Falsche ECU: Director-Targets nennen eine ECU, die das Fahrzeug nicht hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An attacker who stole the Director&apos;s online keys signs Director targets that assign the new release also to ENGINEdemocar, an ECU this vehicle does not have. Every signature is valid. But the Uptane Standard (5.4.4.6) makes the Primary check that each ECU identifier in the Director&apos;s targets belongs to its own vehicle: an image must only ever reach the ECU it was chosen for. The Primary refuses the whole targets file, so nothing reaches any Secondary, and reports the attack to the Director. Recovery: the OEM rotates the Director&apos;s keys, and the honest release is then installed. (Targets written for another car fail the same way: they must name this vehicle.)</source>
        <translation>Ein Angreifer, der die Online-Schlüssel des Directors gestohlen hat, signiert Director-Targets, die das neue Release zusätzlich ENGINEdemocar zuweisen, einer ECU, die dieses Fahrzeug nicht hat. Jede Signatur ist gültig. Aber der Uptane Standard (5.4.4.6) verlangt von der Primary zu prüfen, dass jede ECU-Kennung in den Targets des Directors zu ihrem eigenen Fahrzeug gehört: Ein Image darf immer nur die ECU erreichen, für die es bestimmt ist. Die Primary lehnt die ganze Targets-Datei ab, also erreicht nichts eine Secondary, und meldet den Angriff dem Director. Wiederherstellung: Der OEM rotiert die Schlüssel des Directors, und danach wird das ehrliche Release installiert. (Targets, die für ein anderes Auto geschrieben sind, scheitern genauso: Sie müssen dieses Fahrzeug nennen.)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>DEFENDED (UnknownEcu): the Primary refuses targets for an ECU not in the vehicle</source>
        <translation>ABGEWEHRT (UnknownEcu): Die Primary lehnt Targets für eine ECU ab, die nicht im Fahrzeug ist</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker steals the Director&apos;s keys and also assigns the release to ENGINEdemocar</source>
        <translation>Der Angreifer stiehlt die Schlüssel des Directors und weist das Release zusätzlich ENGINEdemocar zu</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Update cycle: the Primary checks the ECUs the targets name</source>
        <translation>Update-Zyklus: Die Primary prüft die ECUs, die die Targets nennen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wrong hardware id: infotainment firmware for the Secondaries</source>
        <translation>Falsche Hardware-ID: Infotainment-Firmware für die Secondary-ECUs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The OEM publishes a genuine new release of the infotainment unit&apos;s firmware. An attacker holding the Director&apos;s online keys assigns it to TCUdemocar and DOORdemocar, whose hardware (acme-ecu) it was never built for: flashing it could brick them. The honest Director would refuse such an assignment, so the attacker signs it himself. Everything verifies: the image is real, the Image Repository lists it with the same hashes, and the Director&apos;s signatures are valid. What stops it is each ECU&apos;s own check before installing (Uptane 5.4.3, verify image): the target&apos;s hardware identifier must be its own. Both Secondaries refuse, the full-verification one and the partial one alike, and report it to the Director. Recovery: rotate the Director&apos;s keys.</source>
        <translation>Der OEM veröffentlicht ein echtes neues Release der Firmware des Infotainment-Geräts. Ein Angreifer mit den Online-Schlüsseln des Directors weist es TCUdemocar und DOORdemocar zu, für deren Hardware (acme-ecu) es nie gebaut wurde: Es aufzuspielen könnte sie unbrauchbar machen. Der ehrliche Director würde eine solche Zuweisung ablehnen, also signiert der Angreifer sie selbst. Alles besteht die Prüfung: Das Image ist echt, das Image Repository führt es mit denselben Hashes, und die Signaturen des Directors sind gültig. Was es aufhält, ist die eigene Prüfung jeder ECU vor der Installation (Uptane 5.4.3, Image verifizieren): Die Hardware-ID des Targets muss ihre eigene sein. Beide Secondary-ECUs lehnen ab, die mit vollständiger wie die mit partieller Verifikation, und melden es dem Director. Wiederherstellung: die Schlüssel des Directors rotieren.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>DEFENDED (HardwareIdMismatch) on both Secondaries, each by its own check</source>
        <translation>ABGEWEHRT (HardwareIdMismatch) auf beiden Secondary-ECUs, jeweils durch ihre eigene Prüfung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The OEM publishes a new infotainment release (hardware id infotainment), assigned to nobody</source>
        <translation>Der OEM veröffentlicht ein neues Infotainment-Release (Hardware-ID infotainment), niemandem zugewiesen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The attacker steals the Director&apos;s keys and assigns that release to both Secondaries</source>
        <translation>Der Angreifer stiehlt die Schlüssel des Directors und weist dieses Release beiden Secondary-ECUs zu</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Update cycle: each Secondary checks the hardware id</source>
        <translation>Update-Zyklus: Jede Secondary prüft die Hardware-ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Update cycle without the attacker: nothing to install</source>
        <translation>Update-Zyklus ohne Angreifer: nichts zu installieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compromised Primary: forged metadata passed to the Secondaries</source>
        <translation>Kompromittierte Primary: gefälschte Metadaten an die Secondary-ECUs weitergegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker controls the Primary (the threat model allows a Primary or a Secondary of a vehicle to be compromised). A release is assigned; in what the Primary passes on, the attacker swaps it for an evil image: new Director targets, snapshot and timestamp for TCUdemocar&apos;s full bundle, new Director targets for DOORdemocar. The Primary holds no repository key, so the attacker can only sign with a key of his own. Secondaries do not trust the Primary: each checks the metadata against the keys its own trusted Director root lists. TCUdemocar (full verification) finds no valid Director signature on the timestamp, DOORdemocar (partial verification, one signature check on the Director&apos;s targets) none on the targets: both refuse and say so in their signed version reports, which the Primary cannot alter without breaking their signatures.</source>
        <translation>Der Angreifer kontrolliert die Primary (das Bedrohungsmodell lässt zu, dass eine Primary oder eine Secondary eines Fahrzeugs kompromittiert ist). Ein Release wird zugewiesen; in dem, was die Primary weitergibt, tauscht der Angreifer es gegen ein bösartiges Image aus: neue Director-Targets, -Snapshot und -Timestamp im vollständigen Bündel für TCUdemocar, neue Director-Targets für DOORdemocar. Die Primary besitzt keinen Repository-Schlüssel, also kann der Angreifer nur mit einem eigenen Schlüssel signieren. Secondary-ECUs vertrauen der Primary nicht: Jede prüft die Metadaten gegen die Schlüssel, die ihre eigene vertrauenswürdige Director-Root nennt. TCUdemocar (vollständige Verifikation) findet keine gültige Director-Signatur auf dem Timestamp, DOORdemocar (partielle Verifikation, eine Signaturprüfung der Director-Targets) keine auf den Targets: Beide lehnen ab und sagen es in ihren signierten Versionsberichten, die die Primary nicht ändern kann, ohne deren Signaturen zu brechen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>DEFENDED (ThresholdNotMet) on both Secondaries: no Director signature on the forgery</source>
        <translation>ABGEWEHRT (ThresholdNotMet) auf beiden Secondary-ECUs: keine Director-Signatur auf der Fälschung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The compromised Primary passes forged Director metadata, signed with its own key, to both Secondaries</source>
        <translation>Die kompromittierte Primary gibt gefälschte Director-Metadaten, mit ihrem eigenen Schlüssel signiert, an beide Secondary-ECUs weiter</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Update cycle: the Secondaries verify what the Primary passes</source>
        <translation>Update-Zyklus: Die Secondary-ECUs verifizieren, was die Primary weitergibt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Compromised Primary: altered images passed to the Secondaries</source>
        <translation>Kompromittierte Primary: veränderte Images an die Secondary-ECUs weitergegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attacker controls the Primary and passes the genuine metadata on untouched, but alters the image bytes it sends to TCUdemocar and DOORdemocar (one bit, same length). Before installing, every Secondary checks the image against the length and hashes listed in the metadata it verified itself (Uptane 5.4.3, verify image). Even a partial-verification ECU, which checks little else, checks this: the Director&apos;s signed targets carry the image&apos;s hashes. Both refuse the altered image and keep running the old one.</source>
        <translation>Der Angreifer kontrolliert die Primary und gibt die echten Metadaten unverändert weiter, verändert aber die Image-Bytes, die sie an TCUdemocar und DOORdemocar schickt (ein Bit, gleiche Länge). Vor der Installation prüft jede Secondary das Image gegen Länge und Hashes aus den Metadaten, die sie selbst verifiziert hat (Uptane 5.4.3, Image verifizieren). Selbst eine ECU mit partieller Verifikation, die sonst wenig prüft, prüft das: Die signierten Targets des Directors enthalten die Hashes des Images. Beide lehnen das veränderte Image ab und behalten das alte.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED (HashMismatch) on both Secondaries</source>
        <translation>ABGEWEHRT (HashMismatch) auf beiden Secondary-ECUs</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The compromised Primary alters the images it sends to both Secondaries</source>
        <translation>Die kompromittierte Primary verändert die Images, die sie an beide Secondary-ECUs schickt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Update cycle: the Secondaries check the image&apos;s hashes</source>
        <translation>Update-Zyklus: Die Secondary-ECUs prüfen die Hashes des Images</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tampered vehicle manifest</source>
        <translation>Manipuliertes Fahrzeug-Manifest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Director decides what each ECU installs next from the Vehicle Version Manifest the Primary posts. An attacker on that link changes the manifest on its way (here one bit of the Primary&apos;s signature; it could as well claim that an ECU runs another image). The Director checks the Primary&apos;s signature on the vehicle manifest and each ECU&apos;s signature on its own report against the keys in its inventory (Uptane 5.3.2) and refuses the manifest: its inventory is not fooled. The ECUs did install the release, but the Director records that only when a manifest it can verify arrives, in the next cycle.</source>
        <translation>Der Director entscheidet anhand des Vehicle Version Manifest, das die Primary sendet, was jede ECU als Nächstes installiert. Ein Angreifer auf dieser Verbindung verändert das Manifest unterwegs (hier ein Bit der Signatur der Primary; er könnte ebenso behaupten, auf einer ECU laufe ein anderes Image). Der Director prüft die Signatur der Primary über das Fahrzeug-Manifest und die Signatur jeder ECU über ihren eigenen Bericht gegen die Schlüssel in seinem Inventar (Uptane 5.3.2) und lehnt das Manifest ab: Sein Inventar lässt sich nicht täuschen. Die ECUs haben das Release durchaus installiert, aber der Director hält das erst fest, wenn ein Manifest ankommt, das er verifizieren kann, im nächsten Zyklus.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>MANIFEST REJECTED (BadSignature) at the Director; the ECUs install normally</source>
        <translation>MANIFEST ABGELEHNT (BadSignature) beim Director; die ECUs installieren normal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker alters the vehicle manifest on its way to the Director</source>
        <translation>Der Angreifer verändert das Fahrzeug-Manifest auf dem Weg zum Director</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Update cycle: the ECUs install, the Director refuses the manifest</source>
        <translation>Update-Zyklus: Die ECUs installieren, der Director lehnt das Manifest ab</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Update cycle without the attacker: the Director learns what runs</source>
        <translation>Update-Zyklus ohne Angreifer: Der Director erfährt, was läuft</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replayed time attestation</source>
        <translation>Wiedereingespielte Zeitbestätigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ECUs have no trustworthy clock of their own; they learn the time from the Time Server&apos;s signed attestation, and judge expiry by it. An attacker who could replay an old attestation would keep the vehicle in the past, where expired (frozen) metadata still looks valid. The attacker records a genuine, validly signed attestation and replays it in a later cycle. Each cycle the Primary collects a fresh random nonce from every ECU and its own, and accepts an attestation only if it lists them all: the old one lists the old nonces. The Primary stops the cycle before anything reaches a Secondary.</source>
        <translation>ECUs haben keine eigene vertrauenswürdige Uhr; sie erfahren die Zeit aus der signierten Zeitbestätigung des Time Servers und beurteilen danach, was abgelaufen ist. Ein Angreifer, der eine alte Zeitbestätigung wieder einspielen könnte, hielte das Fahrzeug in der Vergangenheit fest, wo abgelaufene (eingefrorene) Metadaten noch gültig aussehen. Der Angreifer zeichnet eine echte, gültig signierte Zeitbestätigung auf und spielt sie in einem späteren Zyklus wieder ein. In jedem Zyklus sammelt die Primary eine frische Zufalls-Nonce von jeder ECU und ihre eigene und akzeptiert eine Zeitbestätigung nur, wenn sie alle enthält: Die alte enthält die alten Nonces. Die Primary beendet den Zyklus, bevor irgendetwas eine Secondary erreicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED (NonceMissing): the replayed attestation lacks this cycle&apos;s nonces</source>
        <translation>ABGEWEHRT (NonceMissing): Der wieder eingespielten Zeitbestätigung fehlen die Nonces dieses Zyklus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attacker records the Time Server&apos;s answers</source>
        <translation>Der Angreifer zeichnet die Antworten des Time Servers auf</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Update cycle: nothing new, an attestation is recorded</source>
        <translation>Update-Zyklus: nichts Neues, eine Zeitbestätigung wird aufgezeichnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attacker replays the recorded attestation from now on</source>
        <translation>Der Angreifer spielt ab jetzt die aufgezeichnete Zeitbestätigung wieder ein</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Update cycle: the Primary checks its nonces in the attestation</source>
        <translation>Update-Zyklus: Die Primary sucht ihre Nonces in der Zeitbestätigung</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Missing nonce: DOOR&apos;s nonce swapped on the bus</source>
        <translation>Fehlende Nonce: Die Nonce von DOOR wird auf dem Bus vertauscht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every Secondary checks the time attestation itself, with its own nonce, instead of trusting the Primary. Here an attacker on the bus (or a compromised Primary) swaps the nonce DOORdemocar sends for another one, so the attestation the Primary obtains is genuine and fresh but does not list DOORdemocar&apos;s nonce. The Primary and TCUdemocar find theirs and carry on; DOORdemocar cannot tell this attestation from a replayed one, so it refuses it and, with it, the whole cycle: no metadata is judged without a verified time (Uptane 5.4.4.1 step 1).</source>
        <translation>Jede Secondary prüft die Zeitbestätigung selbst, mit ihrer eigenen Nonce, statt der Primary zu vertrauen. Hier tauscht ein Angreifer am Bus (oder eine kompromittierte Primary) die Nonce, die DOORdemocar sendet, gegen eine andere aus, sodass die Zeitbestätigung, die die Primary erhält, echt und frisch ist, aber die Nonce von DOORdemocar nicht enthält. Die Primary und TCUdemocar finden ihre und machen weiter; DOORdemocar kann diese Zeitbestätigung nicht von einer wieder eingespielten unterscheiden, lehnt sie also ab und mit ihr den ganzen Zyklus: Ohne verifizierte Zeit werden keine Metadaten beurteilt (Uptane 5.4.4.1, Schritt 1).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFENDED (NonceMissing) on DOOR; TCU UPDATED</source>
        <translation>ABGEWEHRT (NonceMissing) auf DOOR; TCU AKTUALISIERT</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The attacker swaps the nonce DOORdemocar gives the Primary</source>
        <translation>Der Angreifer vertauscht die Nonce, die DOORdemocar der Primary gibt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Update cycle: DOORdemocar looks for its nonce</source>
        <translation>Update-Zyklus: DOORdemocar sucht ihre Nonce</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Eavesdrop: what the attacker can read</source>
        <translation>Abhören: Was der Angreifer lesen kann</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eavesdropping (Uptane threat model: read updates). An attacker who taps the links to the repositories records everything a vehicle downloads, and nothing stops him: this lab signs metadata and images but does not encrypt them. He obtains the firmware image byte for byte (to reverse-engineer it, or look for flaws) and, from the Director&apos;s targets, which ECU of which vehicle runs which image. Uptane protects integrity (nothing altered is installed), authenticity (only what the repositories&apos; keys signed) and freshness (no replay, no freeze), not confidentiality. The Standard allows the Director to encrypt images per ECU; this lab does not, and Uptane metadata is not encrypted at all. The update itself goes through untouched.</source>
        <translation>Abhören (Uptane-Bedrohungsmodell: Updates mitlesen). Ein Angreifer, der die Verbindungen zu den Repositorys anzapft, zeichnet alles auf, was ein Fahrzeug herunterlädt, und nichts hält ihn auf: Dieses Labor signiert Metadaten und Images, verschlüsselt sie aber nicht. Er erhält das Firmware-Image Byte für Byte (um es per Reverse Engineering zu untersuchen oder nach Schwachstellen zu suchen) und aus den Targets des Directors, welche ECU welches Fahrzeugs welches Image ausführt. Uptane schützt Integrität (nichts Verändertes wird installiert), Authentizität (nur, was die Schlüssel der Repositorys signiert haben) und Aktualität (kein Replay, kein Freeze), nicht aber Vertraulichkeit. Der Standard erlaubt dem Director, Images pro ECU zu verschlüsseln; dieses Labor tut das nicht, und Uptane-Metadaten werden überhaupt nicht verschlüsselt. Das Update selbst läuft unbehelligt durch.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>UPDATED, and the attacker holds a copy of the image: confidentiality is not protected</source>
        <translation>AKTUALISIERT, und der Angreifer besitzt eine Kopie des Images: Vertraulichkeit ist nicht geschützt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The attacker listens on the Director and Image Repository links</source>
        <translation>Der Angreifer lauscht an den Verbindungen zu Director und Image Repository</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Update cycle: the release is installed as usual</source>
        <translation>Update-Zyklus: Das Release wird wie gewohnt installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attacker reads his recording: the image, byte for byte, and who gets it</source>
        <translation>Der Angreifer liest seine Aufzeichnung: das Image, Byte für Byte, und wer es bekommt</translation>
    </message>
</context>
<context>
    <name>Serve</name>
    <message>
        <location filename="../app/servecommand.cpp" line="+38"/>
        <source>Usage: uptane-lab serve --workspace DIR [OPTIONS]

Serves the OEM side of Uptane (Image Repository, Director, Time Server) of one
workspace over HTTP on 127.0.0.1 until SIGINT or SIGTERM. A new workspace gets
the demo fleet: vehicle democar with Primary INFOdemocar and Secondary TCUdemocar.
Prints the base URL (http://127.0.0.1:PORT/) on the first line of stdout.

Routes:
  GET  /imagerepo/metadata/FILE   GET  /imagerepo/targets/PATH
  GET  /director/VIN/metadata/FILE
  POST /director/VIN/manifest     POST /timeserver/attestation

Options:
  --workspace DIR            the workspace directory (created when absent)
  --port N                   port on 127.0.0.1 (default: an ephemeral port)
  --encoding json|der        metadata encoding of a new workspace (default: json;
                             an existing workspace keeps its own)
  --publish-interval-ms N    republish every repository with new versions every
                             N milliseconds (soak and demo knob)
  --verbose                  print every event on stderr
  -h, --help                 show this help and exit

Exit status: 0 after SIGINT/SIGTERM, 1 when the workspace or port cannot be
opened, 2 on usage errors.
</source>
        <translation>Aufruf: uptane-lab serve --workspace DIR [OPTIONEN]

Stellt die OEM-Seite von Uptane (Image Repository, Director, Time Server) eines
Arbeitsverzeichnisses per HTTP auf 127.0.0.1 bereit, bis SIGINT oder SIGTERM
eintrifft. Ein neues Arbeitsverzeichnis erhält die Demo-Flotte: Fahrzeug democar
mit Primary INFOdemocar und Secondary TCUdemocar.
Gibt die Basis-URL (http://127.0.0.1:PORT/) in der ersten Zeile auf stdout aus.

Routen:
  GET  /imagerepo/metadata/FILE   GET  /imagerepo/targets/PATH
  GET  /director/VIN/metadata/FILE
  POST /director/VIN/manifest     POST /timeserver/attestation

Optionen:
  --workspace DIR            das Arbeitsverzeichnis (wird angelegt, wenn es fehlt)
  --port N                   Port auf 127.0.0.1 (Vorgabe: ein kurzlebiger Port)
  --encoding json|der        Metadaten-Kodierung eines neuen Arbeitsverzeichnisses
                             (Vorgabe: json; ein bestehendes behält seine eigene)
  --publish-interval-ms N    alle N Millisekunden jedes Repository mit neuen
                             Versionen neu veröffentlichen (für Dauer- und Demo-Läufe)
  --verbose                  jedes Ereignis auf stderr ausgeben
  -h, --help                 diese Hilfe anzeigen und beenden

Rückgabewert: 0 nach SIGINT/SIGTERM, 1, wenn Arbeitsverzeichnis oder Port nicht
geöffnet werden können, 2 bei Aufruffehlern.
</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+107"/>
        <source>uptane-lab serve: %1
</source>
        <translation>uptane-lab serve: %1
</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Try &apos;uptane-lab serve --help&apos;.
</source>
        <translation>Mehr dazu mit &apos;uptane-lab serve --help&apos;.
</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1 given more than once</source>
        <translation>--%1 mehr als einmal angegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--workspace DIR is required</source>
        <translation>--workspace DIR ist erforderlich</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--port must be a number from 0 to 65535</source>
        <translation>--port muss eine Zahl von 0 bis 65535 sein</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--encoding must be json or der</source>
        <translation>--encoding muss json oder der sein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--publish-interval-ms must be a positive number</source>
        <translation>--publish-interval-ms muss eine positive Zahl sein</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>uptane-lab serve: cannot install signal handlers
</source>
        <translation>uptane-lab serve: kann keine Signal-Handler einrichten
</translation>
    </message>
</context>
<context>
    <name>TufClient</name>
    <message>
        <location filename="../app/tufclientcommand.cpp" line="+44"/>
        <source>Usage: uptane-lab tuf-client [OPTIONS] COMMAND [ARGS]

A TUF 1.0 client following the tuf-conformance client CLI protocol.

Commands:
  init TRUSTED_ROOT   trust TRUSTED_ROOT (copied to METADATA_DIR, no requests)
  refresh             update the top-level metadata from METADATA_URL
  download            refresh, then download TARGET_PATH into TARGET_DIR

Options:
  --metadata-dir DIR        where trusted metadata is kept (always required)
  --metadata-url URL        the repository&apos;s metadata (refresh, download)
  --target-name PATH        the target path to download (download)
  --target-base-url URL     the repository&apos;s targets (download)
  --target-dir DIR          where downloaded targets are stored (download)
  --reference-time TIME     check expiry as of TIME, ISO 8601 with a time zone
                            (&quot;2025-02-09T12:02:08Z&quot; or &quot;2025-02-09 12:02:08+00:00&quot;;
                            without a zone: UTC); default: now
  --encoding json|der       metadata encoding (default: json)
  -h, --help                show this help and exit

Exit status: 0 on success, 1 when the command failed (the reason is printed on
stderr), 2 on usage errors.
</source>
        <translation>Aufruf: uptane-lab tuf-client [OPTIONEN] BEFEHL [ARGUMENTE]

Ein TUF-1.0-Client nach dem Client-CLI-Protokoll von tuf-conformance.

Befehle:
  init TRUSTED_ROOT   TRUSTED_ROOT vertrauen (nach METADATA_DIR kopiert, keine Anfragen)
  refresh             die Metadaten der obersten Ebene von METADATA_URL aktualisieren
  download            refresh, dann TARGET_PATH nach TARGET_DIR herunterladen

Optionen:
  --metadata-dir DIR        wo vertrauenswürdige Metadaten liegen (immer erforderlich)
  --metadata-url URL        die Metadaten des Repositorys (refresh, download)
  --target-name PATH        der herunterzuladende Target-Pfad (download)
  --target-base-url URL     die Targets des Repositorys (download)
  --target-dir DIR          wohin heruntergeladene Targets kommen (download)
  --reference-time TIME     Ablauf zum Zeitpunkt TIME prüfen, ISO 8601 mit Zeitzone
                            (&quot;2025-02-09T12:02:08Z&quot; oder &quot;2025-02-09 12:02:08+00:00&quot;;
                            ohne Zone: UTC); Vorgabe: jetzt
  --encoding json|der       Metadaten-Kodierung (Vorgabe: json)
  -h, --help                diese Hilfe anzeigen und beenden

Rückgabewert: 0 bei Erfolg, 1, wenn der Befehl fehlschlug (der Grund steht auf
stderr), 2 bei Aufruffehlern.
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>uptane-lab tuf-client: %1
</source>
        <translation>uptane-lab tuf-client: %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try &apos;uptane-lab tuf-client --help&apos;.
</source>
        <translation>Mehr dazu mit &apos;uptane-lab tuf-client --help&apos;.
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>uptane-lab tuf-client: %1 failed: %2
</source>
        <translation>uptane-lab tuf-client: %1 fehlgeschlagen: %2
</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>missing command (init, refresh or download)</source>
        <translation>Befehl fehlt (init, refresh oder download)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; needs exactly one argument</source>
        <translation>&apos;%1&apos; braucht genau ein Argument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; takes no arguments</source>
        <translation>&apos;%1&apos; nimmt keine Argumente</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; needs --%2</source>
        <translation>&apos;%1&apos; braucht --%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unknown encoding &apos;%1&apos; (json or der)</source>
        <translation>unbekannte Kodierung &apos;%1&apos; (json oder der)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>invalid --reference-time &apos;%1&apos;</source>
        <translation>ungültige --reference-time &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Initialized %1 with trusted root %2
</source>
        <translation>%1 mit vertrauenswürdiger Root %2 initialisiert
</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Refreshed metadata in %1
</source>
        <translation>Metadaten in %1 aktualisiert
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is already up to date in %2
</source>
        <translation>%1 ist in %2 bereits aktuell
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Downloaded %1 to %2
</source>
        <translation>%1 nach %2 heruntergeladen
</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::AboutDialog</name>
    <message>
        <location filename="../widgets/aboutdialog.cpp" line="+18"/>
        <location line="+55"/>
        <source>About Uptane Lab</source>
        <translation>Über Uptane Lab</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>&lt;h2&gt;Uptane Lab %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Uptane Lab %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A classroom demonstrator of Uptane secure over-the-air updates for vehicles: it delivers updates to simulated ECUs, runs the attacks of the Uptane threat model and shows how each one is defended.</source>
        <translation>Ein Demonstrator für den Unterricht, der zeigt, wie Uptane Fahrzeuge sicher over the air aktualisiert: Er liefert Updates an simulierte ECUs aus, führt die Angriffe aus dem Uptane-Bedrohungsmodell vor und zeigt, wie jeder einzelne abgewehrt wird.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Implements the Uptane Standard %1 and the TUF specification %2.</source>
        <translation>Implementiert den Uptane Standard %1 und die TUF-Spezifikation %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Library versions</source>
        <translation>Bibliotheksversionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Libraries in use:</source>
        <translation>Verwendete &amp;Bibliotheken:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Close the About box</source>
        <translation>Fenster „Über Uptane Lab“ schließen</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::AddFirmwareDialog</name>
    <message>
        <location filename="../widgets/dialogs/addfirmwaredialog.cpp" line="+37"/>
        <source>Add Firmware to the Image Repository</source>
        <translation>Firmware zum Image Repository hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add Firmware</source>
        <translation>Firmware hin&amp;zufügen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>From a &amp;file</source>
        <translation>Aus einer &amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Generated bytes</source>
        <translation>&amp;Erzeugte Bytes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> bytes</source>
        <translation> Bytes</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Size of the generated image</source>
        <translation>Größe des erzeugten Images</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Firmware file</source>
        <translation>Firmware-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Browse for a firmware file</source>
        <translation>Eine Firmware-Datei auswählen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>F&amp;ile:</source>
        <translation>Da&amp;tei:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target path</source>
        <translation>Target-Pfad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target &amp;path:</source>
        <translation>Target-&amp;Pfad:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hardware id</source>
        <translation>Hardware-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Hardware id:</source>
        <translation>&amp;Hardware-ID:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Release counter</source>
        <translation>Release-Zähler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ECUs refuse an image whose release counter is lower than the one they run (Uptane Standard §5.4.4.2).</source>
        <translation>ECUs lehnen ein Image ab, dessen Release-Zähler niedriger ist als der des Images, das auf ihnen läuft (Uptane Standard §5.4.4.2).</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&amp;Release counter:</source>
        <translation>&amp;Release-Zähler:</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>From a file</source>
        <translation>Aus einer Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generated bytes</source>
        <translation>Erzeugte Bytes</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Under the supplier&apos;s &amp;delegation (%1)</source>
        <translation>Unter der De&amp;legation des Zulieferers (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under the supplier&apos;s delegation</source>
        <translation>Unter der Delegation des Zulieferers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paths under %1 are signed by the delegated role %2, which may only sign images for: %3.</source>
        <translation>Pfade unter %1 signiert die delegierte Rolle %2, die nur Images für folgende Pfade signieren darf: %3.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Choose a Firmware Image</source>
        <translation>Firmware-Image auswählen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Choose the firmware file.</source>
        <translation>Wählen Sie die Firmware-Datei aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the target path of the image.</source>
        <translation>Geben Sie den Target-Pfad des Images ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target path is not usable: %1</source>
        <translation>Der Target-Pfad ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the hardware id the image is for.</source>
        <translation>Geben Sie die Hardware-ID ein, für die das Image bestimmt ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hardware id uses only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Eine Hardware-ID besteht nur aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images of the supplier&apos;s delegation have paths under %1.</source>
        <translation>Images der Delegation des Zulieferers haben Pfade unter %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may only sign images for: %2.</source>
        <translation>%1 darf nur Images für folgende Pfade signieren: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paths under %1 belong to the supplier&apos;s delegation: check the box or choose another path.</source>
        <translation>Pfade unter %1 gehören zur Delegation des Zulieferers: Kreuzen Sie das Kästchen an oder wählen Sie einen anderen Pfad.</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::AddSecondaryDialog</name>
    <message>
        <location filename="../widgets/dialogs/addsecondarydialog.cpp" line="+20"/>
        <source>Add a Secondary ECU</source>
        <translation>Secondary-ECU hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add Secondary</source>
        <translation>Secondary hin&amp;zufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Vehicle:</source>
        <translation>&amp;Fahrzeug:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Serial:</source>
        <translation>&amp;Seriennummer:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hardware id</source>
        <translation>Hardware-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Hardware id:</source>
        <translation>&amp;Hardware-ID:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Full verification checks both repositories&apos; metadata; partial verification checks only the Director&apos;s Targets (Uptane Standard §5.4.4).</source>
        <translation>Vollständige Verifikation prüft die Metadaten beider Repositorys; partielle Verifikation prüft nur die Targets des Directors (Uptane Standard §5.4.4).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>V&amp;erification:</source>
        <translation>&amp;Verifikation:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The lab has no vehicle yet.</source>
        <translation>Das Labor hat noch kein Fahrzeug.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter the Secondary&apos;s serial.</source>
        <translation>Geben Sie die Seriennummer der Secondary ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A serial uses only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 128).</source>
        <translation>Eine Seriennummer besteht nur aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; (höchstens 128 Zeichen).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the hardware id (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;).</source>
        <translation>Geben Sie die Hardware-ID ein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;).</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::AddVehicleDialog</name>
    <message>
        <location filename="../widgets/dialogs/addvehicledialog.cpp" line="+36"/>
        <source>Full</source>
        <translation>Vollständig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partial</source>
        <translation>Partiell</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+21"/>
        <source>Verification</source>
        <translation>Verifikation</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Add a Vehicle</source>
        <translation>Fahrzeug hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add Vehicle</source>
        <translation>Fahrzeug hin&amp;zufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;VIN:</source>
        <translation>&amp;FIN:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Primary serial</source>
        <translation>Seriennummer der Primary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Primary &amp;serial:</source>
        <translation>&amp;Seriennummer der Primary:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Primary hardware id</source>
        <translation>Hardware-ID der Primary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Primary &amp;hardware id:</source>
        <translation>&amp;Hardware-ID der Primary:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secondaries</source>
        <translation>Secondary-ECUs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hardware id</source>
        <translation>Hardware-ID</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Seco&amp;ndaries:</source>
        <translation>Seco&amp;ndary-ECUs:</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Add a Secondary</source>
        <translation>Eine Secondary hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add Secon&amp;dary</source>
        <translation>Secon&amp;dary hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove Secondary</source>
        <translation>Secondary &amp;entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected Secondary</source>
        <translation>Die ausgewählte Secondary entfernen</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Enter the vehicle&apos;s VIN.</source>
        <translation>Geben Sie die FIN des Fahrzeugs ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A VIN uses only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 128).</source>
        <translation>Eine FIN besteht nur aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; (höchstens 128 Zeichen).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the Primary&apos;s serial (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;).</source>
        <translation>Geben Sie die Seriennummer der Primary ein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the Primary&apos;s hardware id (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;).</source>
        <translation>Geben Sie die Hardware-ID der Primary ein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Secondary %1: enter its serial (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;).</source>
        <translation>Secondary %1: Geben Sie ihre Seriennummer ein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secondary %1: enter its hardware id (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;).</source>
        <translation>Secondary %1: Geben Sie ihre Hardware-ID ein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The serial %1 is used twice.</source>
        <translation>Die Seriennummer %1 kommt zweimal vor.</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::AssignImageDialog</name>
    <message>
        <location filename="../widgets/dialogs/assignimagedialog.cpp" line="+70"/>
        <source>Assign an Image to an ECU</source>
        <translation>Einer ECU ein Image zuweisen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assign</source>
        <translation>&amp;Zuweisen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Vehicle:</source>
        <translation>&amp;Fahrzeug:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ECU</source>
        <translation>ECU</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;ECU:</source>
        <translation>&amp;ECU:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Assigned now:</source>
        <translation>Derzeit zugewiesen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Show images for other hardware too (the Director refuses them)</source>
        <translation>&amp;Auch Images für andere Hardware anzeigen (der Director lehnt sie ab)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show images for other hardware</source>
        <translation>Images für andere Hardware anzeigen</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+99"/>
        <source>Reading the fleet and the images…</source>
        <translation>Flotte und Images werden gelesen …</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>Could not read the fleet. %1</source>
        <translation>Die Flotte konnte nicht gelesen werden. %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 (Primary, %2)</source>
        <translation>%1 (Primary, %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (Secondary, %2)</source>
        <translation>%1 (Secondary, %2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2, release %3, %4)</source>
        <translation>%1 (%2, Release %3, %4)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The Director knows no vehicle.</source>
        <translation>Der Director kennt kein Fahrzeug.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose an ECU.</source>
        <translation>Wählen Sie eine ECU aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Image Repository lists no image for hardware id %1: add firmware first.</source>
        <translation>Das Image Repository führt kein Image für die Hardware-ID %1: Fügen Sie zuerst Firmware hinzu.</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::AttackPanel</name>
    <message>
        <location filename="../widgets/attack/attackpanel.cpp" line="+27"/>
        <source>On the Director (stolen keys)</source>
        <translation>Am Director (gestohlene Schlüssel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On the Image Repository (stolen keys)</source>
        <translation>Am Image Repository (gestohlene Schlüssel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between the vehicle and the Director</source>
        <translation>Zwischen Fahrzeug und Director</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between the vehicle and the Image Repository</source>
        <translation>Zwischen Fahrzeug und Image Repository</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Between the vehicle and the Time Server</source>
        <translation>Zwischen Fahrzeug und Time Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inside the vehicle (Primary and bus)</source>
        <translation>Im Fahrzeug (Primary und Bus)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Switch an attack on, then run an update cycle to see what stops it. Several may be on at once.</source>
        <translation>Schalten Sie einen Angriff ein und starten Sie dann einen Update-Zyklus, um zu sehen, was ihn aufhält. Mehrere können gleichzeitig aktiv sein.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>&amp;Undo all attacks</source>
        <translation>Alle Angriffe &amp;rückgängig machen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo all attacks</source>
        <translation>Alle Angriffe rückgängig machen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch every attack off (Ctrl+Shift+U)</source>
        <translation>Jeden Angriff ausschalten (Strg+Umschalt+U)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Could not switch off “%1”: %2</source>
        <translation>„%1“ konnte nicht ausgeschaltet werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not switch on “%1”: %2</source>
        <translation>„%1“ konnte nicht eingeschaltet werden: %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Switching: %1…</source>
        <translation>Wird umgeschaltet: %1 …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No attack is on.</source>
        <translation>Kein Angriff aktiv.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n attack(s) on.</source>
        <translation>
            <numerusform>%n Angriff aktiv.</numerusform>
            <numerusform>%n Angriffe aktiv.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::Canvas::AttackerItem</name>
    <message>
        <location filename="../widgets/canvas/attackeritem.cpp" line="+20"/>
        <source>Attacker</source>
        <translation>Angreifer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attacker: %1</source>
        <translation>Angreifer: %1</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::Canvas::BannerItem</name>
    <message>
        <location filename="../widgets/canvas/banneritem.cpp" line="+44"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::Canvas::MessageItem</name>
    <message numerus="yes">
        <location filename="../widgets/canvas/messageitem.cpp" line="+42"/>
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1 (und %n weitere)</numerusform>
            <numerusform>%1 (und %n weitere)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::Canvas::NodeItem</name>
    <message>
        <location filename="../widgets/canvas/nodeitem.cpp" line="+69"/>
        <source>FULL</source>
        <translation>VOLL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PARTIAL</source>
        <translation>PARTIELL</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Server %1</source>
        <translation>Server %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delegation %1</source>
        <translation>Delegation %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vehicle %1</source>
        <translation>Fahrzeug %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Primary ECU %1</source>
        <translation>Primary-ECU %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Secondary ECU %1, partial verification</source>
        <translation>Secondary-ECU %1, partielle Verifikation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secondary ECU %1, full verification</source>
        <translation>Secondary-ECU %1, vollständige Verifikation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secondary ECU %1</source>
        <translation>Secondary-ECU %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::Canvas::TopologyScene</name>
    <message>
        <location filename="../widgets/canvas/topologyscene.cpp" line="+87"/>
        <source>Supplier</source>
        <translation>Zulieferer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image Repository</source>
        <translation>Image Repository</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Director</source>
        <translation>Director</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time Server</source>
        <translation>Time Server</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::EventLogModel</name>
    <message>
        <location filename="../widgets/models/eventlogmodel.cpp" line="+74"/>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::EventLogPanel</name>
    <message>
        <location filename="../widgets/log/eventdetails.cpp" line="+127"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detail: %1</source>
        <translation>Detail: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 bytes, the first %2 kept with the event</source>
        <translation>%1 Bytes, die ersten %2 beim Ereignis gespeichert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>… %1 more bytes</source>
        <translation>… %1 weitere Bytes</translation>
    </message>
    <message>
        <location filename="../widgets/log/eventlogpanel.cpp" line="+58"/>
        <source>Show events of node</source>
        <translation>Ereignisse dieses Knotens anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All nodes</source>
        <translation>Alle Knoten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Node:</source>
        <translation>&amp;Knoten:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show events with outcome</source>
        <translation>Ereignisse mit diesem Ergebnis anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdicts</source>
        <translation>Urteile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search the event summaries</source>
        <translation>Die Zusammenfassungen der Ereignisse durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text in the summary</source>
        <translation>Text in der Zusammenfassung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Follow</source>
        <translation>&amp;Folgen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow the newest event</source>
        <translation>Dem neuesten Ereignis folgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the newest event in view</source>
        <translation>Das neueste Ereignis im Blick behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear the event log</source>
        <translation>Das Ereignisprotokoll leeren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Details of the selected event</source>
        <translation>Details des ausgewählten Ereignisses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select an event to see its bytes.</source>
        <translation>Wählen Sie ein Ereignis aus, um seine Bytes zu sehen.</translation>
    </message>
    <message numerus="yes">
        <location line="+126"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 events shown</source>
        <translation>%1 von %2 Ereignissen angezeigt</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::HexView</name>
    <message numerus="yes">
        <location filename="../widgets/inspector/hexview.cpp" line="+55"/>
        <source>… %n more byte(s) not shown</source>
        <translation>
            <numerusform>… %n weiteres Byte nicht angezeigt</numerusform>
            <numerusform>… %n weitere Bytes nicht angezeigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::InspectorPanel</name>
    <message>
        <location filename="../widgets/inspector/inspectorpanel.cpp" line="+31"/>
        <source>Primary ECU %1 of %2</source>
        <translation>Primary-ECU %1 von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondary ECU %1 of %2</source>
        <translation>Secondary-ECU %1 von %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a node or a message to inspect it.</source>
        <translation>Wählen Sie einen Knoten oder eine Nachricht aus, um sie zu untersuchen.</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata file</source>
        <translation>Metadaten-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tree</source>
        <translation>&amp;Baum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hex</source>
        <translation>&amp;Hex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Signatures</source>
        <translation>&amp;Signaturen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chec&amp;ks</source>
        <translation>&amp;Prüfungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata tree</source>
        <translation>Metadatenbaum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes in hexadecimal</source>
        <translation>Bytes in Hexadezimaldarstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signatures</source>
        <translation>Signaturen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification checks</source>
        <translation>Verifikationsprüfungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trusted key</source>
        <translation>Vertrauenswürdiger Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verifies</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spec step</source>
        <translation>Spezifikationsschritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Director repository for %1</source>
        <translation>Director-Repository für %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image Repository</source>
        <translation>Image Repository</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the files this repository serves…</source>
        <translation>Die Dateien dieses Repositorys werden gelesen …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The repository&apos;s files could not be read: %1</source>
        <translation>Die Dateien des Repositorys konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time Server</source>
        <translation>Time Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Time Server keeps no metadata files: select one of its attestation messages in the event log to inspect it.</source>
        <translation>Der Time Server hat keine Metadaten-Dateien: Wählen Sie im Ereignisprotokoll eine seiner Zeitbestätigungen aus, um sie zu untersuchen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown node %1</source>
        <translation>Unbekannter Knoten %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No vehicle or ECU has this name.</source>
        <translation>Kein Fahrzeug und keine ECU trägt diesen Namen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(nobody)</source>
        <translation>(niemand)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 from %2 to %3</source>
        <translation>%1 von %2 an %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Message bytes</source>
        <translation>Bytes der Nachricht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the first %1 of %2 bytes were recorded.</source>
        <translation>Nur die ersten %1 von %2 Bytes wurden aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>No signatures to show.</source>
        <translation>Keine Signaturen vorhanden.</translation>
    </message>
    <message>
        <location filename="../widgets/inspector/inspectortabs.cpp" line="+34"/>
        <source>counts toward the threshold</source>
        <translation>zählt für die Schwelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>valid, but this key already counted</source>
        <translation>gültig, aber dieser Schlüssel wurde schon gezählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>does not verify</source>
        <translation>Signatur ungültig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key not listed for this role</source>
        <translation>Schlüssel für diese Rolle nicht aufgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no trusted key with this id</source>
        <translation>kein vertrauenswürdiger Schlüssel mit dieser ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key could not be loaded</source>
        <translation>Schlüssel konnte nicht geladen werden</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Servers do not verify: select an ECU to see its checks.</source>
        <translation>Server verifizieren nicht: Wählen Sie eine ECU aus, um ihre Prüfungen zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No verification report yet: run an update cycle.</source>
        <translation>Noch kein Verifikationsbericht: Starten Sie einen Update-Zyklus.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n check(s), all passed. Last verdict: %1.</source>
        <translation>
            <numerusform>%n Prüfung, bestanden. Letztes Urteil: %1.</numerusform>
            <numerusform>%n Prüfungen, alle bestanden. Letztes Urteil: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n check(s), %1 failed. Last verdict: %2. Activate a failed check to see the field that failed.</source>
        <translation>
            <numerusform>%n Prüfung, %1 fehlgeschlagen. Letztes Urteil: %2. Aktivieren Sie eine fehlgeschlagene Prüfung, um das fehlerhafte Feld zu sehen.</numerusform>
            <numerusform>%n Prüfungen, davon %1 fehlgeschlagen. Letztes Urteil: %2. Aktivieren Sie eine fehlgeschlagene Prüfung, um das fehlerhafte Feld zu sehen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking signatures…</source>
        <translation>Signaturen werden geprüft …</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not signed metadata: %1</source>
        <translation>Keine signierten Metadaten: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 key of %2</source>
        <translation>%1-Schlüssel von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n signature(s); no trusted keys at hand to check them.</source>
        <translation>
            <numerusform>%n Signatur; keine vertrauenswürdigen Schlüssel zur Prüfung vorhanden.</numerusform>
            <numerusform>%n Signaturen; keine vertrauenswürdigen Schlüssel zur Prüfung vorhanden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 required valid signatures for %3 (keys from %4).</source>
        <translation>%1 von %2 erforderlichen gültigen Signaturen für %3 (Schlüssel aus %4).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Threshold not met (%1): %2 of %3 required valid signatures for %4 (keys from %5).</source>
        <translation>Schwelle nicht erreicht (%1): %2 von %3 erforderlichen gültigen Signaturen für %4 (Schlüssel aus %5).</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="+12"/>
        <source>Uptane Lab</source>
        <translation>Uptane Lab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h1&gt;Uptane Lab&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;Uptane Lab&lt;/h1&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Secure over-the-air updates for cars, shown step by step.

The trust core (keys, metadata, TUF verification) and the OEM services (uptane-lab serve) are in place; the vehicles and attack scenarios arrive next.
Headless: uptane-lab --help</source>
        <translation>Sichere Over-the-Air-Updates für Autos, Schritt für Schritt gezeigt.

Der Vertrauenskern (Schlüssel, Metadaten, TUF-Verifikation) und die OEM-Dienste (uptane-lab serve) stehen bereit; die Fahrzeuge und die Angriffsszenarien folgen als Nächstes.
Ohne Oberfläche: uptane-lab --help</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::MetadataTreeModel</name>
    <message numerus="yes">
        <location filename="../widgets/inspector/metadatatree.cpp" line="+40"/>
        <location line="+45"/>
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-43"/>
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Bytes %1 to %2</source>
        <translation>Bytes %1 bis %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no bytes)</source>
        <translation>(keine Bytes)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(document)</source>
        <translation>(Dokument)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(not JSON or DER)</source>
        <translation>(weder JSON noch DER)</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::OperationDialog</name>
    <message>
        <location filename="../widgets/dialogs/operationdialog.cpp" line="+39"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Operation in progress</source>
        <translation>Vorgang läuft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Working…</source>
        <translation>In Arbeit …</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Failed with %1: %2</source>
        <translation>Fehlgeschlagen mit %1: %2</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::ScenarioModel</name>
    <message numerus="yes">
        <location filename="../widgets/models/scenariomodel.cpp" line="+159"/>
        <source>%n scenario(s)</source>
        <translation>
            <numerusform>%n Szenario</numerusform>
            <numerusform>%n Szenarien</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected outcome</source>
        <translation>Erwartetes Ergebnis</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Step %1 (%2): %3</source>
        <translation>Schritt %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Threat model</source>
        <translation>Bedrohungsmodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partial verification</source>
        <translation>Partielle Verifikation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Operator</source>
        <translation>Betreiber</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adversary</source>
        <translation>Angreifer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update cycle</source>
        <translation>Update-Zyklus</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>could not run: %1</source>
        <translation>konnte nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Director&apos;s view of %1</source>
        <translation>Sicht des Directors auf %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: expected %2, observed %3</source>
        <translation>%1: erwartet %2, beobachtet %3</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::ScenarioPanel</name>
    <message>
        <location filename="../widgets/scenario/scenariopanel.cpp" line="+50"/>
        <source>Scenarios</source>
        <translation>Szenarien</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tep</source>
        <translation>&amp;Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;op</source>
        <translation>Sto&amp;pp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eset</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play the next step of the selected scenario (Space)</source>
        <translation>Den nächsten Schritt des ausgewählten Szenarios abspielen (Leertaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the step that is playing</source>
        <translation>Nach dem laufenden Schritt anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop, and mark every scenario as not run</source>
        <translation>Anhalten und jedes Szenario als nicht ausgeführt markieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scenario status</source>
        <translation>Szenariostatus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scenario catalogue</source>
        <translation>Szenariokatalog</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Narration</source>
        <translation>Erläuterung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Observations of the step</source>
        <translation>Beobachtungen des Schritts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+300"/>
        <source>ECU</source>
        <translation>ECU</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Observed</source>
        <translation>Beobachtet</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>Playing %1, step %2 of %3: %4</source>
        <translation>%1 läuft, Schritt %2 von %3: %4</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: passed</source>
        <translation>%1: bestanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: not passed</source>
        <translation>%1: nicht bestanden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 of %2 scenarios passed</source>
        <translation>%1 von %2 Szenarien bestanden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run every scenario</source>
        <translation>Alle Szenarien ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the selected scenario</source>
        <translation>Das ausgewählte Szenario ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run every scenario of the selected group</source>
        <translation>Alle Szenarien der ausgewählten Gruppe ausführen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The attack catalogue</source>
        <translation>Der Angriffskatalog</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Select a scenario to read what it shows. Run with nothing selected plays all %n scenario(s).</source>
        <translation>
            <numerusform>Wählen Sie ein Szenario aus, um zu lesen, was es zeigt. Ausführen ohne Auswahl spielt das eine Szenario ab.</numerusform>
            <numerusform>Wählen Sie ein Szenario aus, um zu lesen, was es zeigt. Ausführen ohne Auswahl spielt alle %n Szenarien ab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Run plays the %n scenario(s) of this group in order; Step plays one step per press.</source>
        <translation>
            <numerusform>Ausführen spielt das eine Szenario dieser Gruppe ab; Schritt spielt pro Tastendruck einen Schritt.</numerusform>
            <numerusform>Ausführen spielt die %n Szenarien dieser Gruppe der Reihe nach ab; Schritt spielt pro Tastendruck einen Schritt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Expected outcome:</source>
        <translation>Erwartetes Ergebnis:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why it did not pass:</source>
        <translation>Warum es nicht bestanden hat:</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (as expected)</source>
        <translation>%1 (wie erwartet)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (not as expected)</source>
        <translation>%1 (nicht wie erwartet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The step failed with %1: %2</source>
        <translation>Der Schritt ist fehlgeschlagen mit %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Director</source>
        <translation>Director</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::SequenceDiagramView</name>
    <message>
        <location filename="../widgets/log/sequencediagramview.cpp" line="+57"/>
        <source>Sequence diagram of the last update cycle</source>
        <translation>Sequenzdiagramm des letzten Update-Zyklus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export &amp;PNG…</source>
        <translation>Als &amp;PNG exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+149"/>
        <source>Export the sequence diagram as PNG</source>
        <translation>Das Sequenzdiagramm als PNG exportieren</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Export S&amp;VG…</source>
        <translation>Als S&amp;VG exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+145"/>
        <source>Export the sequence diagram as SVG</source>
        <translation>Das Sequenzdiagramm als SVG exportieren</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>No events yet: run an update cycle.</source>
        <translation>Noch keine Ereignisse: Starten Sie einen Update-Zyklus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events: %1 · arrows: %2 · lanes: %3</source>
        <translation>Ereignisse: %1 · Pfeile: %2 · Lebenslinien: %3</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Uptane Lab: sequence diagram</source>
        <translation>Uptane Lab: Sequenzdiagramm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lanes: %1</source>
        <translation>Lebenslinien: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The diagram is too large for a PNG image: export it as SVG.</source>
        <translation>Das Diagramm ist für ein PNG-Bild zu groß: Exportieren Sie es als SVG.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::SequenceLayout</name>
    <message>
        <location filename="../widgets/log/sequencelayout.cpp" line="+167"/>
        <source>OEM</source>
        <translation>OEM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image Repository</source>
        <translation>Image Repository</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Director</source>
        <translation>Director</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time Server</source>
        <translation>Time Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OEM services</source>
        <translation>OEM-Dienste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP client</source>
        <translation>HTTP-Client</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sender unknown</source>
        <translation>Absender unbekannt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attacker</source>
        <translation>Angreifer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>adversary</source>
        <translation>Gegner</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 · Primary</source>
        <translation>%1 · Primary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · Secondary</source>
        <translation>%1 · Secondary</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(unnamed)</source>
        <translation>(ohne Namen)</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::SequencePainter</name>
    <message numerus="yes">
        <location filename="../widgets/log/sequencepainter.cpp" line="+162"/>
        <source>%n checks passed</source>
        <translation>
            <numerusform>%n Prüfung bestanden</numerusform>
            <numerusform>%n Prüfungen bestanden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+56"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>Uptane::Widgets::TopologyView</name>
    <message>
        <location filename="../widgets/canvas/topologyview.cpp" line="+61"/>
        <source>Topology</source>
        <translation>Topologie</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+28"/>
        <source>Usage: uptane-lab [COMMAND] [OPTIONS]

Without a command, starts the Uptane Lab desktop demonstrator.

Commands:
  scenarios    list the scenarios of the attack catalogue (ID and title)
  run          play scenarios headless and compare every step with what it
               expects; see &apos;uptane-lab run --help&apos;
  serve        the OEM services of a workspace over HTTP on 127.0.0.1;
               see &apos;uptane-lab serve --help&apos;
  tuf-client   a TUF 1.0 client (tuf-conformance CLI protocol: init, refresh,
               download); see &apos;uptane-lab tuf-client --help&apos;

Options:
  -h, --help     show this help and exit
  -v, --version  show the version and exit
</source>
        <translation>Aufruf: uptane-lab [BEFEHL] [OPTIONEN]

Ohne Befehl startet der Desktop-Demonstrator Uptane Lab.

Befehle:
  scenarios    die Szenarien des Angriffskatalogs auflisten (ID und Titel)
  run          Szenarien ohne Oberfläche abspielen und jeden Schritt mit dem
               Erwarteten vergleichen; siehe &apos;uptane-lab run --help&apos;
  serve        die OEM-Dienste eines Arbeitsverzeichnisses per HTTP auf
               127.0.0.1; siehe &apos;uptane-lab serve --help&apos;
  tuf-client   ein TUF-1.0-Client (CLI-Protokoll von tuf-conformance: init,
               refresh, download); siehe &apos;uptane-lab tuf-client --help&apos;

Optionen:
  -h, --help     diese Hilfe anzeigen und beenden
  -v, --version  die Version anzeigen und beenden
</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>uptane-lab: crypto self-test failed, refusing to start: %1
</source>
        <translation>uptane-lab: Krypto-Selbsttest fehlgeschlagen, Start verweigert: %1
</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>uptane-lab: unknown command &apos;%1&apos;

</source>
        <translation>uptane-lab: unbekannter Befehl &apos;%1&apos;

</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>uptane-lab: unknown option &apos;%1&apos;

</source>
        <translation>uptane-lab: unbekannte Option &apos;%1&apos;

</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Uptane Lab</source>
        <translation>Uptane Lab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cryptographic self-test failed. Uptane Lab cannot trust its own verdicts and will not start.</source>
        <translation>Der kryptografische Selbsttest ist fehlgeschlagen. Uptane Lab kann seinen eigenen Urteilen nicht trauen und startet nicht.</translation>
    </message>
</context>
</TS>
