<?xml version="1.0" encoding="UTF-8"?>
<!--
  Copyright (C) 2026 The acrn-alloc developers
  SPDX-License-Identifier: BSD-3-Clause

  prepare-peripherals.xsl: scenario XML + board XML -> prepare_peripherals.sh,
  a Service VM boot script that creates the SR-IOV VFs every post-launched VM
  will be given and binds them to pci-stub ahead of need (seed 004 as ACRN
  can do it), so that each launch script finds its VF ready.

  It imports launch-script.xsl for the VF list ($vfs: every VF a post-launched
  VM names, with its PF and VF number), the quoting template and the shell
  helpers (enable_vfs, bind_vf), so both scripts do exactly the same work.
  The helpers reference vm_type, scheduler and own_pcpu, which only the
  launch scripts set: they are set here to empty values.

  Parameters (strings, passed quoted, computed by plugin/aa-peripherals.c):
    board       URI of the board XML
    order       VM ids, space-separated, in order of predicted need
    spare-vms   VM ids (space-separated) whose forecast GPU demand may exceed
                their share: one more VF is created on their PF and bound
    notes       the order with its reasons, "#"-prefixed lines without line
                breaks inside (written as they are)

  Safety: every value from the XML is one single-quoted bash word; comments
  carry VM names with line breaks turned into spaces.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
		xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">
  <xsl:import href="launch-script.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="order"/>
  <xsl:param name="spare-vms"/>
  <xsl:param name="notes"/>

  <!-- a single-quoted bash word.  launch-script.xsl's "q" is not called: the
       project's stylesheet loader parses imported modules with a dictionary
       of their own, and libxslt matches xsl:with-param names across modules
       by dictionary pointer, so the parameter would arrive empty -->
  <xsl:template name="sq">
    <xsl:param name="s"/>
    <xsl:text>'</xsl:text>
    <xsl:call-template name="sq-escape"><xsl:with-param name="s" select="string($s)"/></xsl:call-template>
    <xsl:text>'</xsl:text>
  </xsl:template>

  <xsl:template name="sq-escape">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test='contains($s, "&apos;")'>
        <xsl:value-of select='substring-before($s, "&apos;")'/>
        <xsl:text>'\''</xsl:text>
        <xsl:call-template name="sq-escape">
          <xsl:with-param name="s" select='substring-after($s, "&apos;")'/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="spare-list" select="concat(' ', normalize-space($spare-vms), ' ')"/>

  <!-- the VFs each PF needs: the highest VF number any VM uses, plus one when
       a VM on it asked for a spare -->
  <xsl:template name="pf-needed">
    <xsl:param name="pf"/>
    <xsl:for-each select="$vfs[@pf = $pf]">
      <xsl:sort select="@n" data-type="number" order="descending"/>
      <xsl:if test="position() = 1">
        <xsl:choose>
          <xsl:when test="$vfs[@pf = $pf][contains($spare-list, concat(' ', @vm, ' '))]">
            <xsl:value-of select="@n + 1"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="@n"/></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- binds the VFs of the VMs in $ids, one after the other -->
  <xsl:template name="bind-in-order">
    <xsl:param name="ids"/>
    <xsl:param name="rank" select="1"/>
    <xsl:variable name="id" select="substring-before(concat($ids, ' '), ' ')"/>
    <xsl:variable name="rest" select="substring-after($ids, ' ')"/>
    <xsl:if test="$id != ''">
      <xsl:variable name="v" select="/acrn-config/vm[@id = $id]"/>
      <xsl:if test="$v and $vfs[@vm = $id]">
        <xsl:value-of select="concat($nl, '# ', $rank, '. VM ')"/>
        <xsl:value-of select="translate(normalize-space($v/name), '&#10;&#13;', '  ')"/>
        <xsl:value-of select="concat(' (id ', $id, ')', $nl, 'vm_name=')"/>
        <xsl:call-template name="sq"><xsl:with-param name="s" select="string($v/name)"/></xsl:call-template>
        <xsl:value-of select="$nl"/>
        <xsl:for-each select="$vfs[@vm = $id]">
          <xsl:text>prepare_vf </xsl:text>
          <xsl:call-template name="sq"><xsl:with-param name="s" select="concat('0000:', @bdf)"/></xsl:call-template>
          <xsl:value-of select="$nl"/>
        </xsl:for-each>
      </xsl:if>
      <xsl:call-template name="bind-in-order">
        <xsl:with-param name="ids" select="$rest"/>
        <xsl:with-param name="rank" select="$rank + number($v and $vfs[@vm = $id])"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/">
    <xsl:if test="not($brd)">
      <xsl:message terminate="yes">the board XML has no acrn-config root element; give the board inspector's output</xsl:message>
    </xsl:if>
    <xsl:text>#!/bin/bash
# Values from the XML are single-quoted on purpose, "$(...)" included:
# shellcheck disable=SC2016
#
# prepare_peripherals.sh: run once in the Service VM at boot, before any
# post-launched VM starts.  It creates the SR-IOV VFs the scenario's VMs are
# given (sriov_numvfs) and binds each to pci-stub, in order of predicted need,
# so that launch_user_vm_id&lt;N&gt;.sh finds its VF ready and skips the work.
# Running it again changes nothing.
#
# Generated by acrn-alloc (xslt/prepare-peripherals.xsl); ACRN_SYSFS_ROOT,
# when set, is put in front of every /sys path (for testing).
#
# The order and why:
</xsl:text>
    <xsl:value-of select="$notes"/>
    <xsl:value-of select="$helpers"/>
    <xsl:text><![CDATA[
# binds a VF unless it is already bound to pci-stub
prepare_vf() {
	local bdf=$1
	local dev="${sysfs_root}/sys/bus/pci/devices/${bdf}"
	if [ -L "${dev}/driver" ] && [ "$(basename "$(readlink "${dev}/driver")")" = pci-stub ]; then
		echo "VF ${bdf} of VM ${vm_name} is ready" >&2
		return 0
	fi
	echo "Binding VF ${bdf} of VM ${vm_name} to pci-stub" >&2
	bind_vf "${bdf}"
}

# binds the VF number $2 (counting from 1) of PF $1 as a spare
prepare_spare_vf() {
	local pf=$1 n=$2
	local link="${sysfs_root}/sys/bus/pci/devices/${pf}/virtfn$((n - 1))"
	local bdf
	if [ ! -L "${link}" ]; then
		echo "Warning: ${pf} has no VF ${n} for a spare; none kept" >&2
		return 0
	fi
	bdf=$(basename "$(readlink "${link}")")
	prepare_vf "${bdf}"
}
]]></xsl:text>
    <xsl:text>
vm_name='(all VMs)'
vm_type=''
scheduler=''
own_pcpu=''
probe_modules

# the VFs, created at once per PF (the kernel can only raise the count from 0)
</xsl:text>
    <xsl:for-each select="$vfs[not(@pf = preceding-sibling::vf/@pf)]">
      <xsl:variable name="needed">
        <xsl:call-template name="pf-needed"><xsl:with-param name="pf" select="@pf"/></xsl:call-template>
      </xsl:variable>
      <xsl:text>enable_vfs </xsl:text>
      <xsl:call-template name="sq"><xsl:with-param name="s" select="@pf"/></xsl:call-template>
      <xsl:value-of select="concat(' ', $needed, $nl)"/>
    </xsl:for-each>
    <xsl:text>
# bound to pci-stub in order of predicted need
</xsl:text>
    <xsl:call-template name="bind-in-order">
      <xsl:with-param name="ids" select="normalize-space($order)"/>
    </xsl:call-template>
    <xsl:for-each select="$vfs[not(@pf = preceding-sibling::vf/@pf)]">
      <xsl:variable name="pf" select="@pf"/>
      <xsl:if test="$vfs[@pf = $pf][contains($spare-list, concat(' ', @vm, ' '))]">
        <xsl:variable name="needed">
          <xsl:call-template name="pf-needed"><xsl:with-param name="pf" select="$pf"/></xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="concat($nl, '# a spare VF: the forecast GPU demand of VM id(s) ')"/>
        <xsl:for-each select="$vfs[@pf = $pf][contains($spare-list, concat(' ', @vm, ' '))][not(@vm = preceding-sibling::vf[@pf = $pf]/@vm)]">
          <xsl:value-of select="concat(@vm, ' ')"/>
        </xsl:for-each>
        <xsl:value-of select="concat('may exceed its share', $nl, 'vm_name=', &quot;'(spare)'&quot;, $nl, 'prepare_spare_vf ')"/>
        <xsl:call-template name="sq"><xsl:with-param name="s" select="$pf"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $needed, $nl)"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
