<?xml version="1.0" encoding="UTF-8"?>
<!--
  Copyright (C) 2026 The acrn-alloc developers
  SPDX-License-Identifier: BSD-3-Clause

  apply-recommendation.xsl: scenario XML (ACRN v3 layout) + recommendation.xml
  (FORMATS.md) -> the final scenario XML.

  Source document: the scenario.  Parameters (strings, passed quoted):
    recommendation  URI of recommendation.xml (read with document())
    board           URI of the board XML (for the descriptions of GPU VFs)

  For every vm of the recommendation, the scenario vm of the same name gets:
    cpu_affinity    one pcpu per allocation/pcpu, real_time_vcpu y for an
                    RTVM and n otherwise
    memory          memory/size in MiB; for a pre-launched VM described by a
                    single hpa_region, that region's size_hpa
    pci_devs        the allocation's gpu-vf entries, written as the ACRN
                    configurator writes pci_dev: "BB:DD.F <description>",
                    where the description is the board's entry for that BDF
                    or, for a VF the board inspector did not see (VFs exist
                    only once the Service VM enables them), the description
                    of its physical function; any earlier entry of the same
                    GPU (the PF passed through whole, or older VFs) is
                    replaced.  When the recommendation gives any VM a VF,
                    every VM of the recommendation loses its earlier entries
                    of that GPU, also a VM that gets no VF: a PF passed
                    through whole cannot coexist with its VFs in use
  Everything else is copied unchanged: an identity transform, so comments,
  order, unknown elements and white space survive.  Applying the result
  again gives the same bytes.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes"/>

  <xsl:param name="recommendation"/>
  <xsl:param name="board"/>

  <xsl:variable name="rec" select="document($recommendation)/recommendation"/>
  <xsl:variable name="board-root" select="document($board)/acrn-config"/>
  <xsl:variable name="scenario" select="/acrn-config"/>
  <xsl:variable name="step" select="'  '"/>

  <!-- stop early on a recommendation that does not fit this scenario -->
  <xsl:template match="/">
    <xsl:if test="not($rec)">
      <xsl:message terminate="yes">
        <xsl:text>the recommendation has no recommendation root element; give the file written by 'acrn-alloc recommend'</xsl:text>
      </xsl:message>
    </xsl:if>
    <xsl:for-each select="$rec/vm">
      <xsl:variable name="name" select="normalize-space(@name)"/>
      <xsl:variable name="vm" select="$scenario/vm[normalize-space(name) = $name]"/>
      <xsl:if test="count($vm) != 1">
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('recommendation VM &quot;', $name, '&quot; matches ', count($vm), ' scenario VMs by name; it must match exactly one: recommend again for this scenario')"/>
        </xsl:message>
      </xsl:if>
      <xsl:if test="@id and string(@id) != string($vm/@id)">
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('recommendation VM &quot;', $name, '&quot; has id ', @id, ' but the scenario VM of that name has id ', $vm/@id, '; recommend again for this scenario')"/>
        </xsl:message>
      </xsl:if>
      <xsl:if test="allocation/gpu-vf and normalize-space($vm/load_order) != 'POST_LAUNCHED_VM'">
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('VM &quot;', $name, '&quot; is ', normalize-space($vm/load_order), ' but gets SR-IOV VFs; VFs exist only after the Service VM enables them, so only post-launched VMs can take them')"/>
        </xsl:message>
      </xsl:if>
      <xsl:if test="allocation/@memory-mib and not($vm/memory/size) and count($vm/memory/hpa_region) &gt; 1">
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('VM &quot;', $name, '&quot; splits its memory into ', count($vm/memory/hpa_region), ' hpa_region entries; the recommended ', allocation/@memory-mib, ' MiB cannot be split automatically: keep one hpa_region or set memory/size')"/>
        </xsl:message>
      </xsl:if>
      <xsl:for-each select="allocation/gpu-vf">
        <xsl:if test="string-length(@bdf) != 7">
          <xsl:message terminate="yes">
            <xsl:value-of select="concat('gpu-vf bdf &quot;', @bdf, '&quot; of VM &quot;', $name, '&quot; is not of the form BB:DD.F')"/>
          </xsl:message>
        </xsl:if>
        <xsl:variable name="pf" select="$board-root//device[capability/@id = 'SR-IOV'][substring(@description, 1, 5) = substring(current()/@bdf, 1, 5)]"/>
        <xsl:if test="not($board-root//device[substring-before(concat(@description, ' '), ' ') = current()/@bdf]) and not($pf)">
          <xsl:message terminate="yes">
            <xsl:value-of select="concat('gpu-vf ', @bdf, ' of VM &quot;', $name, '&quot; is neither a device of the board nor a function of an SR-IOV device; recommend again for this board')"/>
          </xsl:message>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- identity -->
  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- the white space before an element, e.g. "\n    "; the fallback is
       for documents written on one line -->
  <xsl:template name="indent-of">
    <xsl:param name="node"/>
    <xsl:variable name="before" select="$node/preceding-sibling::node()[1][self::text()]"/>
    <xsl:choose>
      <xsl:when test="$before and normalize-space($before) = '' and contains($before, '&#10;')">
        <xsl:value-of select="concat('&#10;', substring-after($before, '&#10;'))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('&#10;', $step)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- every VM: a VM of the recommendation gets its allocation; the white
       space before </vm> is re-emitted last so that added elements sit
       inside the VM's indentation -->
  <xsl:template match="/acrn-config/vm">
    <xsl:variable name="alloc" select="$rec/vm[normalize-space(@name) = normalize-space(current()/name)]/allocation"/>
    <xsl:variable name="trailing" select="node()[last()][self::text()]"/>
    <xsl:variable name="indent">
      <xsl:call-template name="indent-of">
        <xsl:with-param name="node" select="*[1]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="add-affinity" select="$alloc/pcpu and not(cpu_affinity)"/>
    <xsl:variable name="add-memory" select="$alloc/@memory-mib and not(memory)"/>
    <xsl:variable name="add-pci" select="$alloc/gpu-vf and not(pci_devs)"/>
    <xsl:copy>
      <xsl:apply-templates select="@*|node()[not(self::text() and not(following-sibling::node()))]">
        <xsl:with-param name="alloc" select="$alloc"/>
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:apply-templates>
      <xsl:if test="$add-affinity">
        <xsl:value-of select="$indent"/>
        <cpu_affinity>
          <xsl:call-template name="pcpus">
            <xsl:with-param name="alloc" select="$alloc"/>
            <xsl:with-param name="indent" select="$indent"/>
          </xsl:call-template>
        </cpu_affinity>
      </xsl:if>
      <xsl:if test="$add-memory">
        <xsl:value-of select="$indent"/>
        <memory>
          <xsl:value-of select="concat($indent, $step)"/>
          <size><xsl:value-of select="normalize-space($alloc/@memory-mib)"/></size>
          <xsl:value-of select="$indent"/>
        </memory>
      </xsl:if>
      <xsl:if test="$add-pci">
        <xsl:value-of select="$indent"/>
        <pci_devs>
          <xsl:call-template name="vfs">
            <xsl:with-param name="alloc" select="$alloc"/>
            <xsl:with-param name="indent" select="$indent"/>
          </xsl:call-template>
          <xsl:value-of select="$indent"/>
        </pci_devs>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$trailing">
          <xsl:value-of select="$trailing"/>
        </xsl:when>
        <xsl:when test="$add-affinity or $add-memory or $add-pci">
          <xsl:call-template name="indent-of">
            <xsl:with-param name="node" select="."/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="vm/cpu_affinity">
    <xsl:param name="alloc"/>
    <xsl:param name="indent"/>
    <xsl:choose>
      <xsl:when test="$alloc/pcpu">
        <xsl:copy>
          <xsl:apply-templates select="@*"/>
          <xsl:call-template name="pcpus">
            <xsl:with-param name="alloc" select="$alloc"/>
            <xsl:with-param name="indent" select="$indent"/>
          </xsl:call-template>
        </xsl:copy>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="pcpus">
    <xsl:param name="alloc"/>
    <xsl:param name="indent"/>
    <xsl:variable name="vm" select="$scenario/vm[normalize-space(name) = normalize-space($alloc/../@name)]"/>
    <xsl:variable name="yn">
      <xsl:choose>
        <xsl:when test="normalize-space($vm/vm_type) = 'RTVM'">y</xsl:when>
        <xsl:otherwise>n</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="i1" select="concat($indent, $step)"/>
    <xsl:variable name="i2" select="concat($indent, $step, $step)"/>
    <xsl:for-each select="$alloc/pcpu">
      <xsl:value-of select="$i1"/>
      <pcpu>
        <xsl:value-of select="$i2"/>
        <pcpu_id><xsl:value-of select="normalize-space(@id)"/></pcpu_id>
        <xsl:value-of select="$i2"/>
        <real_time_vcpu><xsl:value-of select="$yn"/></real_time_vcpu>
        <xsl:value-of select="$i1"/>
      </pcpu>
    </xsl:for-each>
    <xsl:value-of select="$indent"/>
  </xsl:template>

  <!-- memory: the text of size, or of the one size_hpa -->
  <xsl:template match="vm/memory/size | vm/memory[not(size)]/hpa_region/size_hpa">
    <xsl:param name="alloc"/>
    <xsl:choose>
      <xsl:when test="$alloc/@memory-mib">
        <xsl:copy>
          <xsl:apply-templates select="@*"/>
          <xsl:value-of select="normalize-space($alloc/@memory-mib)"/>
        </xsl:copy>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- parameters are passed down through memory and hpa_region -->
  <xsl:template match="vm/memory | vm/memory/hpa_region">
    <xsl:param name="alloc"/>
    <xsl:param name="indent"/>
    <xsl:copy>
      <xsl:apply-templates select="@*|node()">
        <xsl:with-param name="alloc" select="$alloc"/>
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:apply-templates>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="vm/pci_devs">
    <xsl:param name="alloc"/>
    <xsl:param name="indent"/>
    <xsl:choose>
      <xsl:when test="$alloc and $rec/vm/allocation/gpu-vf">
        <xsl:variable name="prefixes">
          <xsl:for-each select="$rec/vm/allocation/gpu-vf">
            <xsl:value-of select="concat('|', substring(@bdf, 1, 5), '|')"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:copy>
          <xsl:apply-templates select="@*"/>
          <!-- the other devices, in their order, each on its own line -->
          <xsl:for-each select="pci_dev[not(contains($prefixes, concat('|', substring(normalize-space(.), 1, 5), '|')))]">
            <xsl:value-of select="concat($indent, $step)"/>
            <xsl:copy-of select="."/>
          </xsl:for-each>
          <xsl:call-template name="vfs">
            <xsl:with-param name="alloc" select="$alloc"/>
            <xsl:with-param name="indent" select="$indent"/>
          </xsl:call-template>
          <xsl:value-of select="$indent"/>
        </xsl:copy>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="vfs">
    <xsl:param name="alloc"/>
    <xsl:param name="indent"/>
    <xsl:for-each select="$alloc/gpu-vf">
      <xsl:variable name="bdf" select="normalize-space(@bdf)"/>
      <xsl:variable name="own" select="$board-root//device[substring-before(concat(@description, ' '), ' ') = $bdf]"/>
      <xsl:variable name="pf" select="$board-root//device[capability/@id = 'SR-IOV'][substring(@description, 1, 5) = substring($bdf, 1, 5)]"/>
      <xsl:value-of select="concat($indent, $step)"/>
      <pci_dev>
        <xsl:choose>
          <xsl:when test="$own">
            <xsl:value-of select="$own[1]/@description"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($bdf, ' ', substring-after($pf[1]/@description, ' '))"/>
          </xsl:otherwise>
        </xsl:choose>
      </pci_dev>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
